import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core. The results keep the order of the elements; `transform` must not
    /// touch shared mutable state.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot, so the writes never overlap.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots[index] = transform(self[index])
            }
        }
        return results.map { $0! }
    }
}

/// Work started on another thread now, and waited for when its result is needed.
final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    // Written once by the work, read after `group.wait()`: the group orders the two.
    private var result: T?
    private let group = DispatchGroup()

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async(group: group) { self.result = work() }
    }

    func wait() -> T {
        group.wait()
        return result!
    }
}

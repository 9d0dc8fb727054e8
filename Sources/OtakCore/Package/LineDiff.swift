/// A unified diff of two texts, line by line (Myers' algorithm), for `otak generate --dry-run`.
public enum LineDiff {
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// `--- a/path`, `+++ b/path` and `@@` hunks with three lines of context; empty when equal.
    public static func unified(old: String, new: String, path: String) -> String {
        let edits = self.edits(lines(old), lines(new))
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var output = "--- a/\(path)\n+++ b/\(path)\n"
        let context = 3
        var index = 0
        var oldLine = 1, newLine = 1
        while index < edits.count {
            // Skip to the next change, keeping the lines of context before it.
            guard let change = edits[index...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
            let start = max(index, change - context)
            for edit in edits[index..<start] { if case .same = edit { oldLine += 1; newLine += 1 } }
            // The hunk ends where more than twice the context of unchanged lines follows a change.
            var end = change
            var run = 0
            var cursor = change
            while cursor < edits.count {
                if case .same = edits[cursor] { run += 1 } else { run = 0; end = cursor + 1 }
                if run > context * 2 { break }
                cursor += 1
            }
            end = min(edits.count, end + context)
            let hunk = edits[start..<end]
            let oldCount = hunk.filter { if case .added = $0 { false } else { true } }.count
            let newCount = hunk.filter { if case .removed = $0 { false } else { true } }.count
            output += "@@ -\(oldCount == 0 ? oldLine - 1 : oldLine),\(oldCount) +\(newCount == 0 ? newLine - 1 : newLine),\(newCount) @@\n"
            for edit in hunk {
                switch edit {
                case .same(let line): output += " " + line + "\n"; oldLine += 1; newLine += 1
                case .removed(let line): output += "-" + line + "\n"; oldLine += 1
                case .added(let line): output += "+" + line + "\n"; newLine += 1
                }
            }
            index = end
        }
        return output
    }

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The shortest edit script from `old` to `new`.
    static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        let n = old.count, m = new.count
        let offset = n + m + 1
        var frontier = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        search: for depth in 0...(n + m) {
            trace.append(frontier)
            for diagonal in stride(from: -depth, through: depth, by: 2) {
                var x = diagonal == -depth || (diagonal != depth && frontier[offset + diagonal - 1] < frontier[offset + diagonal + 1])
                    ? frontier[offset + diagonal + 1] : frontier[offset + diagonal - 1] + 1
                var y = x - diagonal
                while x < n, y < m, old[x] == new[y] { x += 1; y += 1 }
                frontier[offset + diagonal] = x
                if x >= n, y >= m { trace.append(frontier); break search }
            }
        }
        // Walk the trace back from the end to recover the edits.
        var edits: [Edit] = []
        var x = n, y = m
        for depth in stride(from: trace.count - 2, through: 0, by: -1) {
            let previous = trace[depth]
            let diagonal = x - y
            let down = diagonal == -depth || (diagonal != depth && previous[offset + diagonal - 1] < previous[offset + diagonal + 1])
            let previousDiagonal = down ? diagonal + 1 : diagonal - 1
            let previousX = depth == 0 ? 0 : previous[offset + previousDiagonal]
            let previousY = previousX - previousDiagonal
            while x > previousX, y > previousY, x > 0, y > 0, old[x - 1] == new[y - 1] {
                edits.append(.same(old[x - 1])); x -= 1; y -= 1
            }
            if depth == 0 { break }
            if down { edits.append(.added(new[y - 1])); y -= 1 } else { edits.append(.removed(old[x - 1])); x -= 1 }
        }
        while x > 0, y > 0 { edits.append(.same(old[x - 1])); x -= 1; y -= 1 }
        return edits.reversed()
    }
}

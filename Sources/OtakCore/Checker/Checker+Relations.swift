extension Checker {
    /// Pairs every list field with its other end: a belongs-to field pointing back (has-many),
    /// or a list pointing back (many-to-many, with a join table). `@inverse(name)` chooses the
    /// other end where more than one would fit.
    mutating func resolveRelations() {
        var resolved: [String: [String: String]] = [:]  // entity → list field → inverse field
        for entity in entityOrder {
            var listsByInverse: [String: FieldSyntax] = [:]  // "Target.inverse" → the list that took it
            for draft in fields[entity]! {
                guard let target = draft.listTarget, let syntax = draft.syntax,
                      let inverse = findInverse(of: syntax, in: entity, target: target) else { continue }
                // Two lists over the same back-reference would hold the same rows.
                if let first = listsByInverse["\(target).\(inverse)"] {
                    diagnostics.error(.sharedInverse(first.name.name, syntax.name.name, "\(target).\(inverse)"),
                                      at: syntax.type.range,
                                      notes: [Note("'\(first.name.name)' is declared here", at: first.range)],
                                      hints: ["give '\(target)' a field for each list and choose it with @inverse(…)"])
                    continue
                }
                listsByInverse["\(target).\(inverse)"] = syntax
                resolved[entity, default: [:]][draft.field.name] = inverse
            }
        }
        for entity in entityOrder {
            for draft in fields[entity]! {
                guard let target = draft.listTarget, let syntax = draft.syntax,
                      let inverse = resolved[entity]?[draft.field.name],
                      let other = self.draft(target, inverse) else { continue }
                if other.listTarget == nil {
                    update(entity, draft.field.name) { $0.field.kind = .hasMany(entity: target, inverse: inverse) }
                    continue
                }
                // Many-to-many: both ends must choose each other.
                guard resolved[target]?[inverse] == draft.field.name else {
                    if resolved[target]?[inverse] != nil {
                        diagnostics.error(
                            .notABackReference("\(target).\(inverse)", "\(entity).\(draft.field.name)"),
                            at: syntax.type.range,
                            hints: ["add @inverse(\(inverse)) here and @inverse(\(draft.field.name)) to '\(target).\(inverse)'"])
                    }
                    continue
                }
                let table = joinTable(entity, draft.field.name, target, inverse)
                update(entity, draft.field.name) {
                    $0.field.kind = .manyToMany(entity: target, inverse: inverse, joinTable: table)
                }
            }
        }
    }

    /// The name of the field at the other end of a list field, or `nil` after a diagnostic.
    private mutating func findInverse(of syntax: FieldSyntax, in entity: String, target: String) -> String? {
        let name = syntax.name.name
        let candidates = fields[target]!.filter { $0.field.name != name || target != entity }
        if let attribute = syntax.attributes.first(where: { $0.name.name == "inverse" && !$0.isEntityLevel }) {
            guard let arguments = attribute.arguments, arguments.count == 1,
                  case .name(let inverse) = arguments[0].kind else {
                return nil  // reported by checkFieldAttributes
            }
            guard let other = candidates.first(where: { $0.field.name == inverse }) else {
                reportUnknownField(Identifier(name: inverse, range: arguments[0].range), in: target)
                return nil
            }
            guard pointsBack(other, to: entity) else {
                diagnostics.error(.notABackReference("\(target).\(inverse)", entity), at: arguments[0].range,
                                  hints: ["the other end must be a field of type \(entity) or [\(entity)]"])
                return nil
            }
            return inverse
        }
        // A field on the other side that names this one with @inverse settles it.
        if let chosen = candidates.first(where: { pointsBack($0, to: entity) && explicitInverse(of: $0) == name }) {
            return chosen.field.name
        }
        let matches = candidates.filter { candidate in
            guard pointsBack(candidate, to: entity) else { return false }
            if candidate.listTarget != nil, let explicit = explicitInverse(of: candidate) { return explicit == name }
            return !isClaimed(candidate.field.name, in: target, by: entity, except: name)
        }
        switch matches.count {
        case 1:
            return matches[0].field.name
        case 0:
            if damage.isDamaged(target) { return nil }
            diagnostics.error(
                .missingInverse(name, target, entity), at: syntax.type.range,
                hints: ["add a field to '\(target)' such as '\(Naming.lowerCamelCase(entity)) \(entity)' (one-to-many) or '\(Naming.lowerCamelCase(Naming.plural(entity))) [\(entity)]' (many-to-many)"])
        default:
            diagnostics.error(
                .ambiguousInverse(name, target), at: syntax.type.range,
                notes: matches.compactMap { match in
                    match.syntax.map { Note("'\(target).\(match.field.name)' could be its other end", at: $0.name.range) }
                },
                hints: ["choose one with @inverse(\(matches[0].field.name))"])
        }
        return nil
    }

    private func pointsBack(_ draft: FieldDraft, to entity: String) -> Bool {
        if draft.listTarget != nil { return draft.listTarget == entity }
        if case .belongsTo(let target, _) = draft.field.kind { return target == entity }
        return false
    }

    private func explicitInverse(of draft: FieldDraft) -> String? {
        guard let attribute = draft.syntax?.attributes.first(where: { $0.name.name == "inverse" }),
              let argument = attribute.arguments?.first, case .name(let name) = argument.kind else { return nil }
        return name
    }

    /// Whether another list field of `entity` names `field` of `target` with `@inverse`.
    private func isClaimed(_ field: String, in target: String, by entity: String, except list: String) -> Bool {
        fields[entity]!.contains { draft in
            draft.listTarget == target && draft.field.name != list && explicitInverse(of: draft) == field
        }
    }

    /// The join table of a many-to-many pair, named after the end that sorts first, so both
    /// ends agree: `Post.tags` ↔ `Tag.posts` → `post_tags (post_id, tag_id)`.
    private func joinTable(_ entity: String, _ field: String, _ target: String, _ inverse: String) -> JoinTable {
        let thisFirst = (entity, field) < (target, inverse)
        let (firstEntity, firstField) = thisFirst ? (entity, field) : (target, inverse)
        let name = Naming.snakeCase(firstEntity) + "_" + Naming.snakeCase(firstField)
        if entity != target {
            return JoinTable(name: name, ownColumn: Naming.snakeCase(entity) + "_id",
                             otherColumn: Naming.snakeCase(target) + "_id")
        }
        // A relation of an entity with itself (followers ↔ following): each column is named
        // after the list its row appears in.
        return JoinTable(name: name, ownColumn: Naming.snakeCase(inverse) + "_id",
                         otherColumn: Naming.snakeCase(field) + "_id")
    }
}

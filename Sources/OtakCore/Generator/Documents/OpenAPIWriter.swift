/// Writes the OpenAPI 3.1 document of a generated server: every route, body, response and
/// constraint, so that clients generated from it work and tools like schemathesis can check
/// the server against it.
struct OpenAPIWriter {
    let schema: Schema

    func document() -> String {
        var paths: [(String, JSON)] = [
            ("/health", .object([("get", operation(
                "health", summary: "Checks that the server can reach its database", secured: false,
                responses: [("200", response("The database answers", ref: "Health")),
                            ("503", errorResponse("The database does not answer"))]))])),
            ("/openapi.json", .object([("get", operation(
                "openapi", summary: "This document", secured: false,
                responses: [("200", .object([("description", .string("The OpenAPI document")),
                                             ("content", .object([("application/json", .object([("schema", .object([]))]))]))]))]))])),
        ]
        var schemas: [(String, JSON)] = []
        var parameters: [(String, JSON)] = [
            ("limit", queryParameter("limit", "How many rows (default 50)",
                                     .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(200))]))),
            ("offset", queryParameter("offset", "How many rows to skip", .object([
                ("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(Int(Int32.max))),
            ]))),
        ]
        for enumType in schema.enums {
            schemas.append((enumType.name, .object([("type", .string("string")), ("enum", .array(enumType.cases.map(JSON.string)))])))
        }
        if schema.hasDecimalFields {
            schemas += Self.decimalSchemas
        }
        paths += authPaths()
        paths += webhookLogPaths()
        for entity in schema.entities {
            paths += entityPaths(entity)
            schemas += entitySchemas(entity)
            parameters += listParameters(entity)
        }
        schemas += [
            ("Health", .object([
                ("type", .string("object")),
                ("properties", .object([("status", .object([("type", .string("string")), ("const", .string("ok"))]))])),
                ("required", .array([.string("status")])),
            ])),
            ("ErrorResponse", .object([
                ("type", .string("object")),
                ("properties", .object([("error", .object([
                    ("type", .string("object")),
                    ("properties", .object([
                        ("code", .object([("type", .string("string"))])),
                        ("message", .object([("type", .string("string"))])),
                        ("fields", .object([("type", .string("array")), ("items", ref("FieldError"))])),
                    ])),
                    ("required", .array([.string("code"), .string("message")])),
                ]))])),
                ("required", .array([.string("error")])),
            ])),
        ] + authSchemas() + webhookSchemas() + fileSchemas() + [
            ("FieldError", .object([
                ("type", .string("object")),
                ("properties", .object([
                    ("field", .object([("type", .string("string"))])),
                    ("rule", .object([("type", .string("string"))])),
                    ("message", .object([("type", .string("string"))])),
                ])),
                ("required", .array([.string("field"), .string("rule"), .string("message")])),
            ])),
        ]
        let document = JSON.object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string(schema.name)), ("version", .string("1.0.0"))])),
            ("servers", .array([.object([("url", .string("http://127.0.0.1:8080")),
                                         ("description", .string("The server as `swift run` starts it"))])])),
            ("paths", .object(paths)),
        ] + (schema.webhooks.isEmpty ? [] : [("webhooks", .object(webhooks()))]) + [
            ("components", .object([("schemas", .object(schemas)), ("parameters", .object(parameters)),
                                    ("securitySchemes", .object([("bearer", .object([
                                        ("type", .string("http")), ("scheme", .string("bearer")), ("bearerFormat", .string("JWT")),
                                    ]))]))])),
        ])
        return document.render() + "\n"
    }

    // MARK: Webhooks

    /// OpenAPI 3.1 `webhooks`: what each `@@webhook` POSTs to its receiver.
    private func webhooks() -> [(String, JSON)] {
        let header = { (name: String, description: String, type: String) -> JSON in
            .object([("name", .string(name)), ("in", .string("header")), ("required", .bool(true)),
                     ("description", .string(description)), ("schema", .object([("type", .string(type))]))])
        }
        return schema.webhooks.map { entity, webhook in
            let kinds = webhook.kinds.map(\.rawValue).joined(separator: ", ")
            return (webhook.name, .object([("post", .object([
                ("operationId", .string("receive" + Naming.upperCamelCase(webhook.name.lowercased()))),
                ("summary", .string("\(entity.names.type) events (\(kinds)), POSTed to \(webhook.name)_URL")),
                ("parameters", .array([
                    header("Otak-Event-Id", "The event's id, the same on every attempt: ignore one already handled", "integer"),
                    header("Otak-Webhook", "The webhook's name", "string"),
                    header("Otak-Signature", "t=<unix time>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with \(webhook.name)_SECRET>", "string"),
                ])),
                ("requestBody", .object([
                    ("required", .bool(true)),
                    ("content", .object([("application/json", .object([("schema", ref(webhookSchemaName(webhook)))]))])),
                ])),
                ("responses", .object([("2XX", .object([("description", .string("Delivered; any other answer is retried"))]))])),
            ]))]))
        }
    }

    private func webhookSchemaName(_ webhook: Webhook) -> String {
        Naming.upperCamelCase(webhook.name.lowercased()) + "Event"
    }

    /// What a row shows of an uploaded file, and the body of a signed URL.
    private func fileSchemas() -> [(String, JSON)] {
        guard !schema.fileFields.isEmpty else { return [] }
        let text = JSON.object([("type", .string("string"))])
        return [
            ("StoredFile", objectSchema([
                ("name", text),
                ("size", .object([("type", .string("integer")), ("format", .string("int64")), ("description", .string("In bytes"))])),
                ("mediaType", text),
                ("sha256", .object([("type", .string("string")), ("pattern", .string("^[0-9a-f]{64}$")),
                                    ("description", .string("Of the content, in hex; the download's ETag"))])),
            ], required: ["name", "size", "mediaType", "sha256"])),
            ("SignedURL", objectSchema([
                ("url", .object([("type", .string("string")), ("description", .string("The path and query of the download"))])),
                ("expiresAt", .object([("type", .string("string")), ("format", .string("date-time"))])),
            ], required: ["url", "expiresAt"])),
        ]
    }

    /// The body of each webhook, and the delivery log's rows.
    private func webhookSchemas() -> [(String, JSON)] {
        guard !schema.webhooks.isEmpty else { return [] }
        let integer = JSON.object([("type", .string("integer")), ("format", .string("int64"))])
        let dateTime = JSON.object([("type", .string("string")), ("format", .string("date-time"))])
        var schemas: [(String, JSON)] = schema.webhooks.map { entity, webhook in
            let links = webhook.kinds.contains(.linked) || webhook.kinds.contains(.unlinked)
            return (webhookSchemaName(webhook), objectSchema([
                ("id", integer),
                ("webhook", .object([("type", .string("string")), ("const", .string(webhook.name))])),
                ("type", .object([("type", .string("string")), ("enum", .array(webhook.kinds.map { .string($0.rawValue) }))])),
                ("entity", .object([("type", .string("string")), ("const", .string(entity.names.type))])),
                ("createdAt", dateTime),
                // A link's data is the row's id, the relation and the other row's id.
                ("data", links ? .object([("type", .string("object"))]) : ref(entity.names.type)),
            ], required: ["id", "webhook", "type", "entity", "createdAt", "data"]))
        }
        guard schema.servesWebhookLog else { return schemas }
        schemas.append(("WebhookDelivery", objectSchema([
            ("id", integer),
            ("webhook", .object([("type", .string("string")), ("enum", .array(schema.webhooks.map { .string($0.webhook.name) }))])),
            ("eventId", integer),
            ("status", .object([("type", .string("string")), ("enum", .array(["pending", "delivered", "dead"].map(JSON.string)))])),
            ("attempts", .object([("type", .string("integer"))])),
            ("nextAttemptAt", dateTime),
            ("lastStatus", .object([("type", .array([.string("integer"), .string("null")]))])),
            ("lastError", .object([("type", .array([.string("string"), .string("null")]))])),
            ("createdAt", dateTime),
            ("deliveredAt", .object([("type", .array([.string("string"), .string("null")])), ("format", .string("date-time"))])),
            ("payload", .object([("type", .string("object")), ("description", .string("The body sent"))])),
        ], required: ["id", "webhook", "eventId", "status", "attempts", "nextAttemptAt", "lastStatus", "lastError", "createdAt",
                      "deliveredAt", "payload"])))
        schemas.append(("WebhookDeliveryPage", objectSchema([
            ("items", .object([("type", .string("array")), ("items", ref("WebhookDelivery"))])),
            ("limit", .object([("type", .string("integer"))])),
            ("offset", .object([("type", .string("integer"))])),
            ("nextOffset", .object([("type", .array([.string("integer"), .string("null")]))])),
        ], required: ["items", "limit", "offset", "nextOffset"])))
        return schemas
    }

    /// `GET /webhook-deliveries` and `POST /webhook-deliveries/{id}/retry`, for admins.
    private func webhookLogPaths() -> [(String, JSON)] {
        guard schema.servesWebhookLog else { return [] }
        let enumeration = { (values: [String]) -> JSON in
            .object([("type", .string("string")), ("enum", .array(values.map(JSON.string)))])
        }
        return [
            ("/webhook-deliveries", .object([("get", operation(
                "listWebhookDeliveries", summary: "Lists the webhooks' deliveries (admin)",
                parameters: [
                    .object([("$ref", .string("#/components/parameters/limit"))]),
                    .object([("$ref", .string("#/components/parameters/offset"))]),
                    commaSeparated("sort", "Fields to sort by, each ascending or with - descending", [
                        "id", "-id", "createdAt", "-createdAt", "nextAttemptAt", "-nextAttemptAt",
                    ]),
                    queryParameter("webhook", "Only this webhook's", enumeration(schema.webhooks.map(\.webhook.name))),
                    queryParameter("status", "Only those in this state", enumeration(["pending", "delivered", "dead"])),
                    queryParameter("eventId", "Only this event's", .object([("type", .string("integer")), ("format", .string("int64"))])),
                ],
                responses: [("200", response("A page of deliveries", ref: "WebhookDeliveryPage")),
                            ("400", errorResponse("The query string is invalid"))]))])),
            ("/webhook-deliveries/{id}/retry", .object([("post", operation(
                "retryWebhookDelivery", summary: "Sends a delivery again, from its first attempt (admin)",
                parameters: [.object([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)),
                                      ("description", .string("The delivery's id")),
                                      ("schema", .object([("type", .string("integer")), ("format", .string("int64"))]))])],
                responses: [("200", response("The delivery, pending", ref: "WebhookDelivery")),
                            ("404", errorResponse("No delivery has this id"))]))])),
        ]
    }

    // MARK: Paths

    private func entityPaths(_ entity: Entity) -> [(String, JSON)] {
        let type = entity.names.type
        let name = entity.displayName
        let base = entity.names.route
        let idParameter = pathParameter("id", "The \(name)'s id")
        let hasIncludes = entity.fields.contains { if case .belongsTo = $0.kind { !$0.isHidden } else { false } }
        let ids = OperationIDs(entity)
        let unsupportedBody = entity.fileFields.isEmpty ? "The body is not sent as application/json"
            : "The body is not sent as application/json or multipart/form-data, or a file's type is not one its field accepts"
        var paths: [(String, JSON)] = [
            (base, .object([
                ("get", operation(
                    ids.list, summary: "Lists \(Naming.plural(name))",
                    parameters: listParameterReferences(entity),
                    responses: [("200", response("A page of \(Naming.plural(name))", ref: type + "Page")),
                                ("400", errorResponse("The query string is invalid"))])),
                ("post", operation(
                    ids.create, summary: "Creates \(Naming.withArticle(name))", body: type + "Create",
                    requestBody: writeBody(entity, json: type + "Create", creates: true),
                    responses: [("201", .object([
                        ("description", .string("The new \(name)")),
                        ("headers", .object([("Location", .object([("description", .string("The new \(name)'s path")),
                                                                   ("schema", .object([("type", .string("string"))]))]))])),
                        ("content", .object([("application/json", .object([("schema", ref(type))]))])),
                    ])), ("400", errorResponse("The body is not a JSON object, or a field has the wrong type or is unknown")),
                     ("409", errorResponse("A unique field's value is taken")),
                     ("413", errorResponse("The body is too large")),
                     ("415", errorResponse(unsupportedBody)),
                     ("422", errorResponse("Fields break the schema's rules"))])),
            ])),
            (base + "/{id}", .object([
                ("parameters", .array([idParameter])),
                ("get", operation(
                    ids.get, summary: "Gets \(Naming.withArticle(name))",
                    parameters: hasIncludes ? [includeParameter(entity)] : [],
                    responses: [("200", response("The \(name)", ref: hasIncludes ? type + "Detail" : type)),
                                ("400", errorResponse("The query string is invalid")),
                                ("404", errorResponse("No \(name) has this id"))])),
                ("patch", operation(
                    ids.update, summary: "Changes the fields of \(Naming.withArticle(name)) that the body holds", body: type + "Patch",
                    requestBody: writeBody(entity, json: type + "Patch", creates: false),
                    responses: [("200", response("The changed \(name)", ref: type)),
                                ("400", errorResponse("The body is not a JSON object, or a field has the wrong type or is unknown")),
                                ("404", errorResponse("No \(name) has this id")),
                                ("409", errorResponse("A unique field's value is taken")),
                                ("413", errorResponse("The body is too large")),
                                ("415", errorResponse(unsupportedBody)),
                                ("422", errorResponse("Fields break the schema's rules"))])),
                ("delete", operation(
                    ids.delete, summary: "Deletes \(Naming.withArticle(name))",
                    responses: [("204", .object([("description", .string("Deleted"))])),
                                ("404", errorResponse("No \(name) has this id")),
                                ("409", errorResponse("Other rows still point at this \(name)"))])),
            ])),
        ]
        for field in entity.fields {
            let relation = Naming.words(field.name).joined(separator: " ").lowercased()
            let path = "\(base)/{id}/\(Naming.kebabCase(field.name))"
            switch field.kind {
            case .hasMany(let targetName, _), .manyToMany(let targetName, _, _):
                guard let target = schema.entity(named: targetName) else { continue }
                paths.append((path, .object([
                    ("parameters", .array([idParameter])),
                    ("get", operation(
                        OperationIDs.listRelated(field, of: entity), summary: "Lists the \(relation) of \(Naming.withArticle(name))",
                        parameters: listParameterReferences(target),
                        responses: [("200", response("A page of \(relation)", ref: target.names.type + "Page")),
                                    ("400", errorResponse("The query string is invalid")),
                                    ("404", errorResponse("No \(name) has this id"))])),
                ])))
                if case .manyToMany = field.kind {
                    let other = target.displayName
                    paths.append((path + "/{otherID}", .object([
                        ("parameters", .array([idParameter, pathParameter("otherID", "The \(other)'s id")])),
                        ("put", operation(
                            OperationIDs.link(field, of: entity), summary: "Links \(Naming.withArticle(name)) to \(Naming.withArticle(other)); linking twice changes nothing",
                            responses: [("204", .object([("description", .string("Linked"))])),
                                        ("404", errorResponse("No \(name) or no \(other) has this id"))])),
                        ("delete", operation(
                            OperationIDs.unlink(field, of: entity), summary: "Unlinks \(Naming.withArticle(name)) from \(Naming.withArticle(other))",
                            responses: [("204", .object([("description", .string("Unlinked"))])),
                                        ("404", errorResponse("They were not linked"))])),
                    ])))
                }
            case .scalar(.file):
                paths += filePaths(field, of: entity, path: path, idParameter: idParameter)
            default:
                break
            }
        }
        if entity.eventRetentionSeconds != nil { paths.append((base + "/events", eventStream(entity))) }
        return paths
    }

    /// A `File` field's routes: upload (the raw content), download, removal and signed URL.
    private func filePaths(_ field: Field, of entity: Entity, path: String, idParameter: JSON) -> [(String, JSON)] {
        let name = entity.displayName
        let ids = OperationIDs.file(field, of: entity)
        let words = Naming.words(field.name).joined(separator: " ").lowercased()
        let types = field.accept.isEmpty ? ["*/*"] : field.accept
        let binary = JSON.object([("type", .string("string")), ("format", .string("binary"))])
        let header = { (description: String) in
            JSON.object([("description", .string(description)), ("schema", .object([("type", .string("string"))]))])
        }
        let content = JSON.object([
            ("description", .string("The content")),
            ("headers", .object([
                ("ETag", header("The content's SHA-256, quoted")),
                ("Content-Disposition", header("inline or attachment, with the file's name")),
            ])),
            ("content", .object(types.map { ($0, .object([("schema", binary)])) })),
        ])
        let signedQuery = { (parameter: String, description: String, schema: JSON) in
            JSON.object([("name", .string(parameter)), ("in", .string("query")), ("required", .bool(false)),
                         ("description", .string(description)), ("schema", schema)])
        }
        return [
            (path, .object([
                ("parameters", .array([idParameter])),
                ("get", operation(
                    ids.download, summary: "Downloads the \(words) of \(Naming.withArticle(name)): anyone who may read it, or anyone with a signed URL",
                    parameters: [
                        signedQuery("expires", "From a signed URL: when it expires (Unix time)", .object([("type", .string("integer")), ("format", .string("int64"))])),
                        signedQuery("signature", "From a signed URL: its signature", .object([("type", .string("string"))])),
                        .object([("name", .string("Range")), ("in", .string("header")), ("required", .bool(false)),
                                 ("description", .string("One byte range, such as bytes=0-1023")),
                                 ("schema", .object([("type", .string("string"))]))]),
                        .object([("name", .string("If-None-Match")), ("in", .string("header")), ("required", .bool(false)),
                                 ("description", .string("The ETag of a copy the client has: 304 if it is still the content")),
                                 ("schema", .object([("type", .string("string"))]))]),
                    ],
                    responses: [("200", content), ("206", content),
                                ("304", .object([("description", .string("The client's copy is the content"))])),
                                ("404", errorResponse("No \(name) has this id, or it has no \(words)")),
                                ("416", errorResponse("The range is beyond the content"))])),
                ("put", operation(
                    ids.upload, summary: "Uploads the \(words) of \(Naming.withArticle(name)) (at most \(field.maxSize) bytes), replacing any",
                    requestBody: .object([
                        ("required", .bool(true)),
                        ("description", .string("The file's bytes; its name may be given in Content-Disposition (attachment; filename=...)")),
                        ("content", .object(types.map { ($0, .object([("schema", binary)])) })),
                    ]),
                    responses: [("200", response("The \(name), with the file's name, size, media type and SHA-256", ref: entity.names.type)),
                                ("404", errorResponse("No \(name) has this id")),
                                ("413", errorResponse("The file is larger than the field allows")),
                                ("415", errorResponse("Content-Type is missing or not a type the field accepts")),
                                ("422", errorResponse("The file is empty, or its bytes are not of the type declared"))])),
            ] + (field.isOptional ? [("delete", operation(
                    ids.remove, summary: "Removes the \(words) of \(Naming.withArticle(name))",
                    responses: [("204", .object([("description", .string("Removed, or there was none"))])),
                                ("404", errorResponse("No \(name) has this id"))]))] : []))),
            (path + "/url", .object([
                ("parameters", .array([idParameter])),
                ("get", operation(
                    ids.url, summary: "A signed URL of the \(words) of \(Naming.withArticle(name)), valid for minutes, for an <img src> or a link",
                    responses: [("200", response("The URL", ref: "SignedURL")),
                                ("404", errorResponse("No \(name) has this id, or it has no \(words)"))])),
            ])),
        ]
    }

    /// `GET /<route>/events`: the changes the caller may see, as Server-Sent Events.
    private func eventStream(_ entity: Entity) -> JSON {
        let plural = Naming.plural(entity.displayName)
        let lastEventID = JSON.object([
            ("name", .string("Last-Event-ID")), ("in", .string("header")),
            ("description", .string("Resume after this event (the `id:` of the last one received)")),
            ("schema", .object([("type", .string("integer")), ("format", .string("int64")), ("minimum", .integer(0))])),
        ])
        let stream = JSON.object([
            ("description", .string(
                "Server-Sent Events, one per change: `id:` (the event's id), `event:` (`created`, `updated`, `deleted`, "
                    + "`added`, `removed`, `linked` or `unlinked`) and `data:` (the \(entity.displayName) as JSON; for `removed`, its id "
                    + "alone; for `linked` and `unlinked`, its id, the relation and the other row's id). "
                    + "The stream ends when the token expires or after the server's stream lifetime: reconnect with `Last-Event-ID`")),
            ("content", .object([("text/event-stream", .object([("schema", .object([("type", .string("string"))]))]))])),
        ])
        let filters = Array(listParameterReferences(entity).dropFirst(3))
        return .object([("get", operation(
            OperationIDs.watch(entity), summary: "Streams the changes of the \(plural) the caller may list",
            parameters: [lastEventID] + filters,
            responses: [("200", stream), ("400", errorResponse("The query string or Last-Event-ID is invalid"))]))])
    }

    /// The sort and filter parameters of an entity's lists, named `Type.sort`, `Type.field`,
    /// `Type.field.gte`: defined once, referenced by every route that lists the entity.
    private func listParameters(_ entity: Entity) -> [(String, JSON)] {
        let type = entity.names.type
        let listable = listableFields(entity)
        var parameters: [(String, JSON)] = [
            ("\(type).sort", commaSeparated("sort", "Fields to sort by, in order; `-` before a field sorts descending",
                                            listable.flatMap { [$0.jsonName, "-" + $0.jsonName] })),
        ]
        for field in listable {
            let name = field.jsonName
            let value = valueSchema(field, forFilter: true)
            parameters.append(("\(type).\(name)", queryParameter(name, "Rows whose \(name) equals this", value)))
            for op in Self.operators(field) {
                let description = "Rows whose \(name) \(op.words)"
                parameters.append(("\(type).\(name).\(op.name)", op.name == "in"
                    ? listParameter("\(name)[in]", description, items: value)
                    : queryParameter("\(name)[\(op.name)]", description, value)))
            }
        }
        return parameters
    }

    /// Swift names for the list parameters and sort values whose OpenAPI names are not
    /// identifiers (`price[gte]` → `priceAtLeast`, `-price` → `priceDescending`), for the
    /// `nameOverrides` of swift-openapi-generator. A name that would collide with a field's is
    /// left to the generator's own spelling.
    func clientNameOverrides() -> [(String, String)] {
        // The overrides apply to every name in the document, so no field anywhere may have one.
        let taken = Set(schema.entities.flatMap { $0.fields.map(\.jsonName) })
        var overrides: [String: String] = [:]
        for entity in schema.entities {
            for field in listableFields(entity) {
                let name = field.jsonName
                var pairs = [("-" + name, name + "Descending")]
                pairs += Self.operators(field).map { op in ("\(name)[\(op.name)]", name + op.swift) }
                for (original, swift) in pairs where !taken.contains(swift) {
                    overrides[original] = swift
                }
            }
        }
        return overrides.sorted { $0.key < $1.key }
    }

    private func listParameterReferences(_ entity: Entity) -> [JSON] {
        let type = entity.names.type
        var names = ["limit", "offset", "\(type).sort"]
        for field in listableFields(entity) {
            names.append("\(type).\(field.jsonName)")
            names += Self.operators(field).map { "\(type).\(field.jsonName).\($0.name)" }
        }
        return names.map { .object([("$ref", .string("#/components/parameters/" + $0))]) }
    }

    private func listableFields(_ entity: Entity) -> [Field] {
        entity.fields.filter { $0.isStored && !$0.isHidden && !$0.isOpaque }
    }

    /// The filter operators a field takes besides equality, with how they read in the
    /// document and after a field's name in a Swift client.
    private static func operators(_ field: Field) -> [(name: String, words: String, swift: String)] {
        let type = ColumnType(field.kind)
        var result = [(name: "ne", words: "differs from this", swift: "Not")]
        if type != .bool { result.append(("in", "is one of these (at most 100, comma-separated)", "In")) }
        if [.integer, .double, .decimal, .date, .timestamp].contains(type) {
            result += [("lt", "is less than this", "Below"), ("lte", "is at most this", "AtMost"),
                       ("gt", "is more than this", "Above"), ("gte", "is at least this", "AtLeast")]
        }
        return result
    }

    /// For an entity with `File` fields, the body of a create or an update as JSON (the schema
    /// `json`; not for a create that needs a file) or as `multipart/form-data`: that object in a
    /// part named `data`, each file in a part named after its field. `nil` for other entities:
    /// their bodies are JSON only.
    private func writeBody(_ entity: Entity, json name: String, creates: Bool) -> JSON? {
        let files = entity.fileFields
        guard !files.isEmpty else { return nil }
        var properties: [(String, JSON)] = [("data", ref(name))]
        var encoding: [(String, JSON)] = [("data", .object([("contentType", .string("application/json"))]))]
        var required: [String] = []
        if creates, entity.fields.contains(where: { $0.isStored && !$0.isPrimaryKey && !$0.isReadOnly && !$0.isOptional && $0.defaultValue == nil && !$0.isOwner }) {
            required.append("data")
        }
        for field in files {
            let words = Naming.words(field.name).joined(separator: " ").lowercased()
            properties.append((field.jsonName, .object([
                // OpenAPI 3.1's way to say "bytes" (generators read it: Apple's sends such a part
                // as application/octet-stream unless the encoding names one type).
                ("type", .string("string")), ("contentMediaType", .string("application/octet-stream")),
                ("description", .string("The \(words), at most \(field.maxSize) bytes; sent as application/octet-stream, its type is read from its first bytes")),
            ])))
            if !field.accept.isEmpty {
                encoding.append((field.jsonName, .object([("contentType", .string(field.accept.joined(separator: ", ")))])))
            }
            if creates, !field.isOptional { required.append(field.jsonName) }
        }
        let multipart = objectSchema(
            properties, required: required, description: "The fields as a JSON object in the part named data, and files in parts named after their fields")
        // A create that needs a file cannot be JSON.
        let json: [(String, JSON)] = creates && files.contains { !$0.isOptional } ? [] : [("application/json", .object([("schema", ref(name))]))]
        return .object([
            ("required", .bool(true)),
            ("content", .object(json + [("multipart/form-data", .object([("schema", multipart), ("encoding", .object(encoding))]))])),
        ])
    }

    private func includeParameter(_ entity: Entity) -> JSON {
        let names = entity.fields.filter { if case .belongsTo = $0.kind { !$0.isHidden } else { false } }.map(\.name)
        return commaSeparated("include", "Related rows to embed", names)
    }

    // MARK: Schemas

    private func entitySchemas(_ entity: Entity) -> [(String, JSON)] {
        let type = entity.names.type
        let stored = entity.fields.filter(\.isStored)
        let output = stored.filter { !$0.isHidden }
        let writable = stored.filter { !$0.isPrimaryKey && !$0.isReadOnly }
        let properties = output.map { ($0.jsonName, valueSchema($0, readOnly: $0.isReadOnly || $0.isPrimaryKey)) }
        let required = output.filter { !$0.isOptional }.map(\.jsonName)
        var schemas: [(String, JSON)] = [
            (type, objectSchema(properties, required: required)),
            (type + "Create", objectSchema(
                writable.map { ($0.jsonName, nullable(valueSchema($0), $0.isOptional)) },
                required: writable.filter { !$0.isOptional && $0.defaultValue == nil && !$0.isOwner }.map(\.jsonName),
                closed: true)),
            (type + "Patch", objectSchema(
                writable.map { ($0.jsonName, nullable(valueSchema($0), $0.isOptional)) }, required: [], closed: true)),
            (type + "Page", .object([
                ("type", .string("object")),
                ("properties", .object([
                    ("items", .object([("type", .string("array")), ("items", ref(type))])),
                    ("limit", .object([("type", .string("integer"))])),
                    ("offset", .object([("type", .string("integer"))])),
                    ("nextOffset", .object([("type", .array([.string("integer"), .string("null")]))])),
                ])),
                ("required", .array(["items", "limit", "offset", "nextOffset"].map(JSON.string))),
            ])),
        ]
        let includes = entity.fields.filter { if case .belongsTo = $0.kind { !$0.isHidden } else { false } }
        if !includes.isEmpty {
            let related: [(String, JSON)] = includes.compactMap { field in
                guard case .belongsTo(let target, _) = field.kind, let entity = schema.entity(named: target) else { return nil }
                return (field.name, ref(entity.names.type))
            }
            // One object, not an `allOf`: generated clients then read `detail.name`, not
            // `detail.value1.name`.
            schemas.append((type + "Detail", objectSchema(
                properties + related, required: required,
                description: "A \(type) with the related rows that `include` asked for")))
        }
        return schemas
    }

    private func objectSchema(_ properties: [(String, JSON)], required: [String], closed: Bool = false,
                              description: String? = nil) -> JSON {
        var fields: [(String, JSON)] = description.map { [("description", .string($0))] } ?? []
        fields += [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { fields.append(("required", .array(required.map(JSON.string)))) }
        if closed { fields.append(("additionalProperties", .bool(false))) }
        return .object(fields)
    }

    /// `Decimal` fields refer to these (with their bounds beside the reference), so that a client
    /// generator can map them to an exact decimal type, e.g. swift-openapi-generator's
    /// `typeOverrides: {schemas: {Decimal: Foundation.Decimal, NullableDecimal:
    /// Foundation.Decimal}}`; others read a number. The wire format is a JSON number with every
    /// digit the value has.
    static var decimalSchemas: [(String, JSON)] { [
        ("Decimal", .object([
            ("description", .string("An exact decimal number: read it as a decimal, not a binary floating-point number")),
            ("type", .string("number")), ("format", .string("decimal")),
        ])),
        ("NullableDecimal", .object([
            ("description", .string("An exact decimal number, or null")),
            ("type", .array([.string("number"), .string("null")])), ("format", .string("decimal")),
        ])),
    ] }

    /// The JSON schema of a field's value, with its rules as constraints.
    private func valueSchema(_ field: Field, readOnly: Bool = false, forFilter: Bool = false) -> JSON {
        var schema: [(String, JSON)] = []
        switch field.kind {
        case .scalar(let scalar):
            switch scalar {
            case .string, .text, .password:
                schema.append(("type", .string("string")))
                if scalar == .password { schema.append(("format", .string("password"))) }
                if !forFilter {
                    if let minimum = field.length?.minimum { schema.append(("minLength", .integer(minimum))) }
                    // `@email` allows 254 characters, as RFC 5321 does.
                    let maximum = field.isEmail ? min(field.length?.maximum ?? 254, 254) : field.length?.maximum
                    if let maximum { schema.append(("maxLength", .integer(maximum))) }
                }
                // PostgreSQL text cannot hold NUL, so no string may contain one.
                // Filters compare any text; PostgreSQL text cannot hold NUL, so no string may contain one.
                let pattern = forFilter ? nil : field.pattern.map(Self.wholeMatch)
                    ?? (field.isEmail ? FormatPatterns.email : field.isURL ? FormatPatterns.url : nil)
                schema.append(("pattern", .string(pattern ?? "^[^\\u0000]*$")))
            case .int:
                schema += [("type", .string("integer")), ("format", .string("int64"))]
            case .double:
                schema += [("type", .string("number")), ("format", .string("double"))]
            case .decimal:
                schema.append(forFilter ? ("type", .string("number")) : ("$ref", .string("#/components/schemas/Decimal")))
                if forFilter || field.range?.minimum == nil { schema.append(("minimum", .number("-1e38"))) }
                if forFilter || field.range?.maximum == nil { schema.append(("maximum", .number("1e38"))) }
            case .bool:
                schema.append(("type", .string("boolean")))
            case .date:
                schema += [("type", .string("string")), ("format", .string("date"))]
            case .dateTime:
                schema += [("type", .string("string")), ("format", .string("date-time"))]
            case .uuid:
                schema += [("type", .string("string")), ("format", .string("uuid"))]
            case .json:
                break
            case .file:
                schema.append(("$ref", .string("#/components/schemas/StoredFile")))
            }
            if !forFilter, let range = field.range {
                if let minimum = range.minimum { schema.append(("minimum", .number(minimum))) }
                if let maximum = range.maximum { schema.append(("maximum", .number(maximum))) }
            }
        case .enumeration(let name):
            if forFilter, let cases = self.schema.enumType(named: name)?.cases {
                return .object([("type", .string("string")), ("enum", .array(cases.map(JSON.string)))])
            }
            schema.append(("$ref", .string("#/components/schemas/\(name)")))
        case .belongsTo, .hasMany, .manyToMany:
            schema += [("type", .string("string")), ("format", .string("uuid"))]
        }
        if !forFilter, let value = field.defaultValue, let json = Self.json(value, field) {
            schema.append(("default", json))
        }
        if readOnly { schema.append(("readOnly", .bool(true))) }
        if field.kind == .scalar(.password) { schema.append(("writeOnly", .bool(true))) }
        return .object(schema)
    }

    /// Allows `null` beside the schema (optional fields of bodies), as a type array
    /// (`"type": ["string", "null"]`), which generated clients keep as an optional; an enum
    /// gets its cases inline with `null` among them. Any JSON (`{}`) allows `null` already.
    private func nullable(_ schema: JSON, _ isOptional: Bool) -> JSON {
        guard isOptional, case .object(var fields) = schema else { return schema }
        if let index = fields.firstIndex(where: { $0.0 == "$ref" }), case .string(let reference) = fields[index].1,
           let cases = self.schema.enumType(named: String(reference.split(separator: "/").last ?? ""))?.cases {
            fields.remove(at: index)
            fields.insert(contentsOf: [("type", .array([.string("string"), .string("null")])),
                                       ("enum", .array(cases.map(JSON.string) + [.null]))], at: index)
        } else if let index = fields.firstIndex(where: { $0.0 == "$ref" }), case .string("#/components/schemas/Decimal") = fields[index].1 {
            fields[index].1 = .string("#/components/schemas/NullableDecimal")
        } else if let index = fields.firstIndex(where: { $0.0 == "type" }), case .string(let type) = fields[index].1 {
            fields[index].1 = .array([.string(type), .string("null")])
        }
        return .object(fields)
    }

    /// `@pattern` must match the whole value; a JSON Schema pattern matches anywhere.
    static func wholeMatch(_ pattern: String) -> String {
        pattern.hasPrefix("^") && pattern.hasSuffix("$") ? pattern : "^(?:" + pattern + ")$"
    }

    private static func json(_ value: DefaultValue, _ field: Field) -> JSON? {
        switch value {
        case .string(let text): .string(text)
        case .integer(let number): .integer(Int(number))
        case .number(let text): .number(text)
        case .bool(let flag): .bool(flag)
        case .enumCase(let name): .string(name)
        case .now, .json: nil
        }
    }

    // MARK: Pieces

    /// An operation; a `secured` one takes an optional bearer token and may answer 401 (no or a
    /// bad token) and 403 (the schema's rules refuse the caller).
    /// An operation; its request body is the JSON schema `body`, or `requestBody` as given.
    private func operation(_ id: String, summary: String, secured: Bool = true, parameters: [JSON] = [], body: String? = nil,
                           requestBody: JSON? = nil, responses: [(String, JSON)]) -> JSON {
        var fields: [(String, JSON)] = [("operationId", .string(id)), ("summary", .string(summary))]
        var responses = responses
        if secured, schema.auth != nil {
            fields.append(("security", .array([.object([("bearer", .array([]))]), .object([])])))
            responses.append(("401", errorResponse("No token, or a bad or expired one, where the rules need a signed-in caller")))
        }
        if secured {
            responses.append(("403", errorResponse("The schema's rules do not let the caller do this")))
        }
        responses.sort { $0.0 < $1.0 }
        if !parameters.isEmpty { fields.append(("parameters", .array(parameters))) }
        if let requestBody {
            fields.append(("requestBody", requestBody))
        } else if let body {
            fields.append(("requestBody", .object([
                ("required", .bool(true)),
                ("content", .object([("application/json", .object([("schema", ref(body))]))])),
            ])))
        }
        fields.append(("responses", .object(responses)))
        return .object(fields)
    }

    private func response(_ description: String, ref name: String) -> JSON {
        .object([("description", .string(description)),
                 ("content", .object([("application/json", .object([("schema", ref(name))]))]))])
    }

    private func errorResponse(_ description: String) -> JSON {
        response(description, ref: "ErrorResponse")
    }

    /// 429, with how long to wait.
    private func tooManyAttempts(_ description: String) -> JSON {
        .object([
            ("description", .string(description)),
            ("headers", .object([("Retry-After", .object([
                ("description", .string("Seconds to wait before trying again")),
                ("schema", .object([("type", .string("integer")), ("minimum", .integer(1))])),
            ]))])),
            ("content", .object([("application/json", .object([("schema", ref("ErrorResponse"))]))])),
        ])
    }

    private func ref(_ name: String) -> JSON {
        .object([("$ref", .string("#/components/schemas/\(name)"))])
    }

    private func pathParameter(_ name: String, _ description: String) -> JSON {
        .object([("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
                 ("description", .string(description)),
                 ("schema", .object([("type", .string("string")), ("format", .string("uuid"))]))])
    }

    /// A query parameter holding a comma-separated list of names (`sort=name,-price`).
    private func commaSeparated(_ name: String, _ description: String, _ values: [String]) -> JSON {
        .object([("name", .string(name)), ("in", .string("query")), ("description", .string(description)),
                 ("style", .string("form")), ("explode", .bool(false)),
                 ("schema", .object([
                     ("type", .string("array")), ("minItems", .integer(1)),
                     ("items", .object([("type", .string("string")), ("enum", .array(values.map(JSON.string)))])),
                 ]))])
    }

    /// A query parameter holding a comma-separated list of values (`status[in]=paid,shipped`).
    private func listParameter(_ name: String, _ description: String, items: JSON) -> JSON {
        .object([("name", .string(name)), ("in", .string("query")), ("description", .string(description)),
                 ("style", .string("form")), ("explode", .bool(false)),
                 ("schema", .object([("type", .string("array")), ("minItems", .integer(1)), ("maxItems", .integer(100)),
                                     ("items", items)]))])
    }

    private func queryParameter(_ name: String, _ description: String, _ schema: JSON) -> JSON {
        .object([("name", .string(name)), ("in", .string("query")), ("description", .string(description)),
                 ("schema", schema)])
    }
}

/// A JSON value with ordered keys, rendered with two-space indentation.
enum JSON {
    case string(String)
    case integer(Int)
    /// A number as written in the schema (`0.01`).
    case number(String)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    func render() -> String {
        var output: [UInt8] = []
        write(to: &output, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the value to one byte buffer: no intermediate strings for nested values.
    /// Objects and arrays of at most four scalars stay on one line.
    private func write(to output: inout [UInt8], indent: Int) {
        if isShort {
            return writeInline(to: &output)
        }
        switch self {
        case .string(let text): Self.quote(text, into: &output)
        case .integer(let value): output += String(value).utf8
        case .number(let text): output += text.utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .null: output += "null".utf8
        case .array(let items):
            guard !items.isEmpty else { return output += "[]".utf8 }
            output += "[\n".utf8
            for (index, item) in items.enumerated() {
                Self.spaces(indent + 2, into: &output)
                item.write(to: &output, indent: indent + 2)
                output += (index == items.count - 1 ? "\n" : ",\n").utf8
            }
            Self.spaces(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let fields):
            guard !fields.isEmpty else { return output += "{}".utf8 }
            output += "{\n".utf8
            for (index, (key, value)) in fields.enumerated() {
                Self.spaces(indent + 2, into: &output)
                Self.quote(key, into: &output)
                output += ": ".utf8
                value.write(to: &output, indent: indent + 2)
                output += (index == fields.count - 1 ? "\n" : ",\n").utf8
            }
            Self.spaces(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func spaces(_ count: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private var isShort: Bool {
        switch self {
        case .array(let items): !items.isEmpty && items.count <= 4 && items.allSatisfy(\.isScalar)
        case .object(let fields): !fields.isEmpty && fields.count <= 4 && fields.allSatisfy(\.1.isScalar)
        default: false
        }
    }

    private func writeInline(to output: inout [UInt8]) {
        switch self {
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", ".utf8 }
                item.write(to: &output, indent: 0)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let fields):
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { output += ", ".utf8 }
                Self.quote(key, into: &output)
                output += ": ".utf8
                value.write(to: &output, indent: 0)
            }
            output.append(UInt8(ascii: "}"))
        default:
            write(to: &output, indent: 0)
        }
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func quote(_ text: String, into output: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        output.append(quote)
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == quote || byte == backslash {
                output += bytes[start..<index]
                start = index + 1
                switch byte {
                case UInt8(ascii: "\n"): output += "\\n".utf8
                case UInt8(ascii: "\r"): output += "\\r".utf8
                case UInt8(ascii: "\t"): output += "\\t".utf8
                case quote, backslash:
                    output.append(backslash)
                    output.append(byte)
                default:
                    let hex = String(byte, radix: 16)
                    output += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                }
            }
            output += bytes[start...]
        }
        output.append(quote)
    }
}

extension OpenAPIWriter {
    /// `/auth/register`, `/auth/login` and `/auth/me`, with a schema that has an `auth` block.
    private func authPaths() -> [(String, JSON)] {
        guard let auth = schema.auth, let entity = schema.entity(named: auth.entity) else { return [] }
        let type = entity.names.type
        var paths: [(String, JSON)] = []
        if !entity.rules(for: .create).isEmpty {
            paths.append(("/auth/register", .object([("post", operation(
                "register", summary: "Creates \(entity.aDisplayName) as `POST \(entity.names.route)` does, and signs them in",
                body: type + "Create",
                responses: [("201", response("The new \(entity.displayName) and a token", ref: "SignedIn")),
                            ("400", errorResponse("The body is not a JSON object, or a field has the wrong type or is unknown")),
                            ("409", errorResponse("A unique field's value is taken")),
                            ("413", errorResponse("The body is too large")),
                            ("415", errorResponse("The body is not sent as application/json")),
                            ("422", errorResponse("Fields break the schema's rules")),
                            ("429", tooManyAttempts("Too many sign-ups from this address"))]))])))
        }
        paths.append(("/auth/login", .object([("post", operation(
            "login", summary: "Signs in", secured: false, body: "Credentials",
            responses: [("200", response("A token", ref: "SignedIn")),
                        ("400", errorResponse("The body is not a JSON object, or a field has the wrong type or is unknown")),
                        ("401", errorResponse("The identity or the password is wrong")),
                        ("413", errorResponse("The body is too large")),
                        ("415", errorResponse("The body is not sent as application/json")),
                        ("422", errorResponse("A field is missing")),
                        ("429", tooManyAttempts("Too many wrong passwords for this identity or from this address"))]))])))
        paths.append(("/auth/refresh", .object([("post", operation(
            "refresh", summary: "A new access token and refresh token for a refresh token, which stops working", secured: false,
            body: "RefreshRequest",
            responses: [("200", response("New tokens", ref: "SignedIn")),
                        ("400", errorResponse("The body is not a JSON object, or a field has the wrong type or is unknown")),
                        ("401", errorResponse("The refresh token is invalid, expired, or was used before (its session has ended)")),
                        ("413", errorResponse("The body is too large")),
                        ("415", errorResponse("The body is not sent as application/json")),
                        ("422", errorResponse("A field is missing"))]))])))
        paths.append(("/auth/logout", .object([("post", operation(
            "logout", summary: "Ends the session of the token sent",
            responses: [("204", .object([("description", .string("Signed out"))]))]))])))
        paths.append(("/auth/logout-all", .object([("post", operation(
            "logoutAll", summary: "Ends every session of the signed-in \(entity.displayName)",
            responses: [("204", .object([("description", .string("Signed out everywhere"))]))]))])))
        paths.append(("/auth/me", .object([("get", operation(
            "me", summary: "The signed-in \(entity.displayName)",
            responses: [("200", response("The signed-in \(entity.displayName)", ref: type))]))])))
        if auth.resetsPasswords {
            paths.append(("/auth/password-reset", .object([("post", operation(
                "requestPasswordReset", summary: "Mails a link to choose a new password, if an account has this address",
                secured: false, body: "PasswordResetRequest",
                responses: [("202", .object([("description", .string("Asked: the same answer whether an account has the address or not"))])),
                            ("429", tooManyAttempts("Too many requests for this address or from this client"))]
                    + bodyErrors(unprocessable: "The address is missing or not an email address")))])))
            paths.append(("/auth/password-reset/confirm", .object([("post", operation(
                "confirmPasswordReset", summary: "Sets the password with a mailed link's token and ends every session",
                secured: false, body: "PasswordResetConfirmation",
                responses: [("204", .object([("description", .string("The password is set"))]))]
                    + bodyErrors(unprocessable: "The link is unknown, used or expired, or the password breaks the field's rules")))])))
        }
        if auth.verifiesEmail {
            paths.append(("/auth/verify-email", .object([("post", operation(
                "requestEmailVerification", summary: "Mails the signed-in \(entity.displayName) a link to confirm their address",
                responses: [("202", .object([("description", .string("Asked (nothing is mailed for an address confirmed already)"))])),
                            ("429", tooManyAttempts("Too many requests for this account or from this client"))]))])))
            paths.append(("/auth/verify-email/confirm", .object([("post", operation(
                "confirmEmailVerification", summary: "Confirms an address with a mailed link's token",
                secured: false, body: "VerificationConfirmation",
                responses: [("204", .object([("description", .string("The address is confirmed"))]))]
                    + bodyErrors(unprocessable: "The link is unknown, used or expired, or the address changed since")))])))
        }
        return paths
    }

    /// The answers to a JSON body the server cannot take.
    private func bodyErrors(unprocessable: String) -> [(String, JSON)] {
        [("400", errorResponse("The body is not a JSON object, or a field has the wrong type or is unknown")),
         ("413", errorResponse("The body is too large")),
         ("415", errorResponse("The body is not sent as application/json")),
         ("422", errorResponse(unprocessable))]
    }

    /// `SignedIn` and `Credentials`, with a schema that has an `auth` block.
    private func authSchemas() -> [(String, JSON)] {
        guard let auth = schema.auth, let entity = schema.entity(named: auth.entity),
              let identity = entity.field(named: auth.identityField), let password = entity.field(named: auth.passwordField)
        else { return [] }
        // A token a client sends back: the server refuses NUL in any string, as the fields' own
        // schemas say.
        let sentToken = JSON.object([("type", .string("string")), ("pattern", .string("^[^\\u0000]*$"))])
        return [
            ("SignedIn", objectSchema([
                ("token", .object([("type", .string("string"))])),
                ("tokenType", .object([("type", .string("string")), ("const", .string("Bearer"))])),
                ("expiresAt", .object([("type", .string("string")), ("format", .string("date-time"))])),
                ("refreshToken", .object([("type", .string("string"))])),
                ("user", ref(entity.names.type)),
            ], required: ["token", "tokenType", "expiresAt", "refreshToken", "user"])),
            ("RefreshRequest", objectSchema([
                ("refreshToken", sentToken),
            ], required: ["refreshToken"], closed: true)),
            ("Credentials", objectSchema([
                (identity.jsonName, valueSchema(identity)),
                (password.jsonName, valueSchema(password)),
            ], required: [identity.jsonName, password.jsonName], closed: true)),
        ] + (auth.resetsPasswords ? [
            ("PasswordResetRequest", objectSchema([
                (identity.jsonName, .object([("type", .string("string")), ("format", .string("email"))])),
            ], required: [identity.jsonName], closed: true)),
            ("PasswordResetConfirmation", objectSchema([
                ("token", sentToken),
                (password.jsonName, valueSchema(password)),
            ], required: ["token", password.jsonName], closed: true)),
        ] : []) + (auth.verifiesEmail ? [
            ("VerificationConfirmation", objectSchema([
                ("token", sentToken),
            ], required: ["token"], closed: true)),
        ] : [])
    }
}

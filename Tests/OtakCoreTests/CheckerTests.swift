@testable import OtakCore
import Testing

/// The checked model: what every emitter reads.
@Suite struct CheckerTests {
    static let shop = TestSupport.read(TestSupport.repositoryRoot.appendingPathComponent("samples/shop/shop.otak"))

    func shop() throws -> Schema {
        try #require(TestSupport.schema(Self.shop))
    }

    @Test func entityNames() throws {
        let item = try #require(try shop().entity(named: "OrderItem"))
        #expect(item.names == EntityNames(type: "OrderItem", variable: "orderItem", pluralVariable: "orderItems",
                                          table: "order_items", route: "/order-items"))
        #expect(try shop().entity(named: "Category")?.names.table == "categories")
    }

    @Test func implicitPrimaryKeyComesFirst() throws {
        for entity in try shop().entities {
            let id = try #require(entity.fields.first)
            #expect(id.name == "id" && id.isPrimaryKey && id.kind == .scalar(.uuid) && id.isReadOnly)
            #expect(entity.fields.dropFirst().allSatisfy { !$0.isPrimaryKey })
        }
    }

    @Test func belongsTo() throws {
        let schema = try shop()
        let customer = try #require(schema.entity(named: "Order")?.field(named: "customer"))
        #expect(customer.kind == .belongsTo(entity: "User", onDelete: .restrict))
        #expect((customer.swiftName, customer.jsonName, customer.column) == ("customerID", "customerId", "customer_id"))
        #expect(customer.isOwner)
        #expect(schema.entity(named: "Product")?.field(named: "category")?.kind
                == .belongsTo(entity: "Category", onDelete: .setNull))
        #expect(schema.entity(named: "OrderItem")?.field(named: "order")?.kind
                == .belongsTo(entity: "Order", onDelete: .cascade))
    }

    @Test func hasManyFindsItsBackReference() throws {
        let schema = try shop()
        let items = try #require(schema.entity(named: "Order")?.field(named: "items"))
        #expect(items.kind == .hasMany(entity: "OrderItem", inverse: "order"))
        #expect(items.column == nil && !items.isStored)
        #expect(schema.entity(named: "User")?.field(named: "orders")?.kind == .hasMany(entity: "Order", inverse: "customer"))
    }

    @Test func manyToManySharesOneJoinTable() throws {
        let schema = try #require(TestSupport.schema("""
            app Blog
            entity Post {
              title String
              tags  [Tag]
            }
            entity Tag {
              name  String
              posts [Post]
            }
            """))
        let tags = try #require(schema.entity(named: "Post")?.field(named: "tags"))
        let posts = try #require(schema.entity(named: "Tag")?.field(named: "posts"))
        #expect(tags.kind == .manyToMany(entity: "Tag", inverse: "posts",
                                         joinTable: JoinTable(name: "post_tags", ownColumn: "post_id", otherColumn: "tag_id")))
        #expect(posts.kind == .manyToMany(entity: "Post", inverse: "tags",
                                          joinTable: JoinTable(name: "post_tags", ownColumn: "tag_id", otherColumn: "post_id")))
    }

    @Test func selfRelationsAndInverse() throws {
        let schema = try #require(TestSupport.schema("""
            app Social
            entity User {
              name      String
              followers [User]
              following [User]
              posts     [Post] @inverse(author)
              likes     [Post]
            }
            entity Post {
              author  User
              likedBy [User]
            }
            """))
        let user = try #require(schema.entity(named: "User"))
        #expect(user.field(named: "followers")?.kind == .manyToMany(
            entity: "User", inverse: "following",
            joinTable: JoinTable(name: "user_followers", ownColumn: "following_id", otherColumn: "followers_id")))
        #expect(user.field(named: "following")?.kind == .manyToMany(
            entity: "User", inverse: "followers",
            joinTable: JoinTable(name: "user_followers", ownColumn: "followers_id", otherColumn: "following_id")))
        #expect(user.field(named: "posts")?.kind == .hasMany(entity: "Post", inverse: "author"))
        #expect(user.field(named: "likes")?.kind == .manyToMany(
            entity: "Post", inverse: "likedBy",
            joinTable: JoinTable(name: "post_liked_by", ownColumn: "user_id", otherColumn: "post_id")))
    }

    @Test func attributes() throws {
        let schema = try shop()
        let product = try #require(schema.entity(named: "Product"))
        let sku = try #require(product.field(named: "sku"))
        #expect(sku.isUnique && sku.pattern == "^[A-Z0-9-]{3,32}$")
        #expect(product.field(named: "price")?.range == NumericBounds(minimum: "0", maximum: nil))
        #expect(product.field(named: "stock")?.defaultValue == .integer(0))
        #expect(product.field(named: "active")?.defaultValue == .bool(true))
        #expect(product.field(named: "attributes")?.defaultValue == .json("{}"))
        #expect(product.field(named: "description")?.length == Bounds(minimum: nil, maximum: 10000))
        let image = try #require(product.field(named: "image"))
        #expect(image.kind == .scalar(.file) && image.isOptional && image.isReadOnly)
        #expect(image.accept == ["image/png", "image/jpeg", "image/webp"] && image.maxSize == 5 << 20)
        let user = try #require(schema.entity(named: "User"))
        #expect(user.field(named: "email")?.isEmail == true)
        #expect(user.field(named: "role")?.defaultValue == .enumCase("customer"))
        #expect(user.field(named: "joined")?.defaultValue == .now)
        let password = try #require(user.field(named: "password"))
        #expect(password.isHidden && password.length == Bounds(minimum: 8, maximum: 72))
    }

    @Test func auth() throws {
        let auth = try #require(try shop().auth)
        #expect(auth == AuthConfiguration(entity: "User", identityField: "email", passwordField: "password",
                                          roleField: "role", roleEnum: "Role", tokenLifetimeSeconds: 7 * 86_400,
                                          resetsPasswords: true, verifiesEmail: true, admin: .hasRole(["admin"])))
        // `verify email` gives the auth entity a read-only Bool, false until a mailed link is opened.
        let verified = try #require(try shop().entity(named: "User")?.field(named: "emailVerified"))
        #expect(verified.kind == .scalar(.bool) && verified.isReadOnly && verified.defaultValue == .bool(false))
        let withoutToken = try #require(TestSupport.schema("""
            app A
            auth {
              entity   User
              identity email
              password password
            }
            entity User {
              email    String   @unique
              password Password
            }
            """))
        #expect(withoutToken.auth?.tokenLifetimeSeconds == AuthConfiguration.defaultTokenLifetimeSeconds)
        #expect(withoutToken.auth?.roleField == nil)
    }

    @Test func rulesAreTypedTrees() throws {
        let schema = try shop()
        let order = try #require(schema.entity(named: "Order"))
        let update = try #require(order.rules(for: .update).first)
        let status = FieldPath(steps: [.init(entity: "Order", field: "status")])
        #expect(update.condition == .or(
            .hasRole(["admin", "staff"]),
            .and(.isOwner(field: "customer"),
                 .compare(.field(status), .equal, .literal(.enumCase(enum: "OrderStatus", case: "pending"))))))
        let item = try #require(schema.entity(named: "OrderItem"))
        let path = FieldPath(steps: [.init(entity: "OrderItem", field: "order"), .init(entity: "Order", field: "customer")])
        #expect(item.rules(for: .create).first?.condition == .or(.compare(.field(path), .equal, .auth), .hasRole(["admin", "staff"])))
        let user = try #require(schema.entity(named: "User"))
        #expect(user.rules(for: .update).map(\.condition) == [.or(.isSelf, .hasRole(["admin"]))])
        #expect(user.rules.suffix(2) == [
            Rule(operations: [.update], fields: ["role"], condition: .hasRole(["admin"])),
            Rule(operations: [.update], fields: ["password"], condition: .isSelf),
        ])
        #expect(user.rules(for: .create).first?.condition == .isPublic)
        #expect(schema.entity(named: "Product")?.rules(for: .list).first?.condition == .or(
            .isTrue(.field(FieldPath(steps: [.init(entity: "Product", field: "active")]))), .hasRole(["admin", "staff"])))
    }

    @Test func operandsOfEveryKind() throws {
        let schema = try #require(TestSupport.schema("""
            app A
            enum Role { admin member }
            auth {
              entity   User
              identity email
              password password
              role     role
            }
            entity User {
              email    String   @unique
              password Password
              role     Role     @default(.member)
              karma    Int      @default(0)
            }
            entity Event {
              host     User
              starts   DateTime
              capacity Int
              price    Decimal?
              allow read: auth.role == .admin || starts > now && capacity >= -1 && price != nil
              allow list: host.karma > 10 || authenticated
            }
            """))
        let event = try #require(schema.entity(named: "Event"))
        let role = FieldPath(steps: [.init(entity: "User", field: "role")])
        let starts = FieldPath(steps: [.init(entity: "Event", field: "starts")])
        let capacity = FieldPath(steps: [.init(entity: "Event", field: "capacity")])
        let price = FieldPath(steps: [.init(entity: "Event", field: "price")])
        #expect(event.rules(for: .read).first?.condition == .or(
            .compare(.authField(role), .equal, .literal(.enumCase(enum: "Role", case: "admin"))),
            .and(.and(.compare(.field(starts), .greater, .now), .compare(.field(capacity), .greaterOrEqual, .literal(.integer(-1)))),
                 .compare(.field(price), .notEqual, .literal(.null)))))
        let karma = FieldPath(steps: [.init(entity: "Event", field: "host"), .init(entity: "User", field: "karma")])
        #expect(event.rules(for: .list).first?.condition == .or(
            .compare(.field(karma), .greater, .literal(.integer(10))), .authenticated))
    }

    @Test func checksAndIndexes() throws {
        let schema = try shop()
        let product = try #require(schema.entity(named: "Product"))
        let price = FieldPath(steps: [.init(entity: "Product", field: "price")])
        let active = FieldPath(steps: [.init(entity: "Product", field: "active")])
        #expect(product.checks == [Check(
            condition: .or(.compare(.field(price), .greater, .literal(.integer(0))), .not(.isTrue(.field(active)))),
            message: "an active product needs a price", name: "products_check_1")])
        #expect(product.indexes == [Index(fields: ["name"], columns: ["name"], name: "products_name_idx")])
        let item = try #require(schema.entity(named: "OrderItem"))
        #expect(item.uniqueConstraints == [Index(fields: ["order", "product"], columns: ["order_id", "product_id"],
                                                 name: "order_items_order_id_product_id_key")])
    }

    @Test func longSQLNamesAreShortenedStably() throws {
        let long = String(repeating: "a", count: 40)
        let schema = try #require(TestSupport.schema("""
            app A
            entity Thing {
              \(long)B String
              \(long)C String
              @@index(\(long)B, \(long)C)
            }
            """))
        let name = try #require(schema.entities.first?.indexes.first?.name)
        #expect(name.utf8.count == 63)
        #expect(name.hasPrefix("things_aaaa"))
    }

    @Test func warningsDoNotInvalidate() {
        let result = TestSupport.check("""
            app A
            entity Thing {
              name String
              note String?  @default(nil)
              @@unique(name)
            }
            """)
        #expect(result.diagnostics.map(\.severity) == [.warning, .warning])
        #expect(result.schema != nil)
    }

    @Test func sqlKeywordsAreFineAsNames() throws {
        // Generated SQL quotes identifiers, so these must not be rejected.
        let schema = try #require(TestSupport.schema("""
            app A
            entity Order {
              select String
              group  Int
              user   String
            }
            """))
        #expect(schema.entities.first?.names.table == "orders")
    }

    @Test func everyFieldTypeAndFlag() throws {
        let schema = try #require(TestSupport.schema("""
            app A
            enum Mood { calm busy }
            entity Thing {
              s  String
              t  Text     @hidden
              i  Int
              d  Double
              m  Decimal
              b  Bool
              dt Date     @default(now)
              at DateTime @readonly @default(now)
              u  UUID?
              j  JSON
              p  Password
              f  File?
              e  Mood
              allow read: i != 1 && i <= 2 && d < 1.5 && m >= 0 && dt > now && at == now && u == nil
            }
            """))
        let thing = try #require(schema.entity(named: "Thing"))
        let kinds = thing.fields.dropFirst().map(\.kind)
        #expect(kinds == ScalarType.allCases.map(FieldKind.scalar) + [.enumeration("Mood")])
        #expect(thing.fields.filter(\.isHidden).map(\.name) == ["t", "p"])
        #expect(thing.fields.filter(\.isReadOnly).map(\.name) == ["id", "at", "f"])
        #expect(thing.field(named: "u")?.isOptional == true)
        #expect(thing.field(named: "dt")?.defaultValue == .now)
        var operators: [ComparisonOperator] = []
        func collect(_ expression: RuleExpression) {
            switch expression {
            case .and(let lhs, let rhs), .or(let lhs, let rhs):
                collect(lhs)
                collect(rhs)
            case .compare(_, let op, _):
                operators.append(op)
            default:
                break
            }
        }
        collect(try #require(thing.rules.first?.condition))
        #expect(operators == [.notEqual, .lessOrEqual, .less, .greaterOrEqual, .greater, .equal, .equal])
    }

    @Test func earlierNamesAreRecorded() throws {
        let schema = try #require(TestSupport.schema("""
            app Blog

            entity Article {
              @@renamedFrom("Post")
              headline String @renamedFrom("title")

              allow read: public
            }

            """))
        let article = try #require(schema.entity(named: "Article"))
        #expect(article.renamedFrom == "Post")
        #expect(article.field(named: "headline")?.renamedFrom == "title")
    }

    @Test func earlierNamesMustBeFreeAndNamesAtAll() {
        let result = TestSupport.check("""
            app Blog

            entity Post {
              title    String
              headline String @renamedFrom("title")
              subtitle String @renamedFrom("lead")
              teaser   String @renamedFrom("lead")
              body     String @renamedFrom(title)
              slug     String @renamedFrom("not a name")
              tag      String @renamedFrom("tag")

              allow read: public
            }

            """)
        let ids = result.diagnostics.map { "\($0.severity) \($0.message.id)" }.sorted()
        #expect(ids == [
            "error attribute-arguments", "error attribute-arguments", "error earlier-name-in-use", "error earlier-name-in-use",
            "warning redundant",
        ])
    }

    /// An entity or enum named like a type of the generated package would not compile, nor one
    /// whose derived names (`…Tests`) are such a type. (The client package is another module,
    /// whose schema types are nested in `Components.Schemas`.)
    @Test func theGeneratedPackagesTypesAreReserved() throws {
        let templates = try TemplateFiles.read(directory: EmbeddedTemplatesTests.templatesDirectory.path)
        let declared = templates.filter { !$0.key.hasPrefix("Client/") }.values.flatMap { text in
            text.split(separator: "\n").compactMap { line -> String? in
                guard line.first?.isLetter == true || line.first == "@" else { return nil }  // top level only
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") && !["public", "final", "indirect"].contains($0) }
                guard words.count >= 2, ["struct", "enum", "class", "actor", "protocol", "typealias"].contains(words[0]) else { return nil }
                return String(words[1].prefix { $0.isLetter || $0.isNumber })
            }
        }
        #expect(declared.count > 50)
        #expect(Set(declared).subtracting(ReservedNames.typeNames).filter { !$0.isEmpty }.isEmpty)

        let result = TestSupport.check("""
            app A
            entity Permission {
              name String
            }
            entity PermissionProperty {
              name String
            }
            """)
        #expect(result.diagnostics.map { "\($0.severity) \($0.message.id)" } == ["error reserved-name", "error reserved-name"])
    }
}

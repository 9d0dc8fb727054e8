import OtakCore
import Testing

@Suite struct NamingTests {
    @Test(arguments: [
        ("OrderItem", "order_item", "order-item", "orderItem"),
        ("checkIn", "check_in", "check-in", "checkIn"),
        ("URLPath", "url_path", "url-path", "urlPath"),
        ("userID", "user_id", "user-id", "userId"),
        ("sha256Hash", "sha256_hash", "sha256-hash", "sha256Hash"),
        ("unit_price", "unit_price", "unit-price", "unitPrice"),
    ])
    func cases(_ name: String, _ snake: String, _ kebab: String, _ lowerCamel: String) {
        #expect(Naming.snakeCase(name) == snake)
        #expect(Naming.kebabCase(name) == kebab)
        #expect(Naming.lowerCamelCase(name) == lowerCamel)
    }

    @Test(arguments: [
        ("Product", "Products"), ("Category", "Categories"), ("Day", "Days"), ("Address", "Addresses"),
        ("Box", "Boxes"), ("Match", "Matches"), ("Person", "People"), ("SalesPerson", "SalesPeople"),
        ("Human", "Humans"), ("Status", "Statuses"), ("Child", "Children"), ("Staff", "Staff"),
    ])
    func plurals(_ singular: String, _ plural: String) {
        #expect(Naming.plural(singular) == plural)
    }

    @Test(arguments: [
        ("order item", "an order item"), ("account", "an account"), ("user", "a user"), ("umbrella", "an umbrella"),
        ("unit", "a unit"), ("product", "a product"), ("event", "an event"), ("Invoice", "an Invoice"),
    ])
    func articles(_ words: String, _ expected: String) {
        #expect(Naming.withArticle(words) == expected)
    }
}

"""An order book built from thousands of small record objects.

Every class here is a plain ``class X(object):`` whose ``__init__`` does
nothing but copy its arguments onto ``self`` -- the boilerplate that
dataclasses (or attrs) replace.  The workload creates the objects in bulk
from raw tuples and then walks them to produce a few totals.
"""


class Address(object):
    def __init__(self, street, city, zipcode, country):
        self.street = street
        self.city = city
        self.zipcode = zipcode
        self.country = country


class Customer(object):
    def __init__(self, ident, name, email, address, tier):
        self.ident = ident
        self.name = name
        self.email = email
        self.address = address
        self.tier = tier


class Product(object):
    def __init__(self, sku, title, cents, grams):
        self.sku = sku
        self.title = title
        self.cents = cents
        self.grams = grams


class LineItem(object):
    def __init__(self, product, quantity, discount):
        self.product = product
        self.quantity = quantity
        self.discount = discount


class Order(object):
    def __init__(self, ident, customer, items, shipped, priority):
        self.ident = ident
        self.customer = customer
        self.items = items
        self.shipped = shipped
        self.priority = priority


class Parcel(object):
    def __init__(self, order, grams, cents, zone):
        self.order = order
        self.grams = grams
        self.cents = cents
        self.zone = zone


class Summary(object):
    def __init__(self, orders, parcels, revenue, weight, heaviest, per_tier):
        self.orders = orders
        self.parcels = parcels
        self.revenue = revenue
        self.weight = weight
        self.heaviest = heaviest
        self.per_tier = per_tier


CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Hillview', 'Portsmouth', 'Oakdale']
COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR']
TIERS = ['bronze', 'silver', 'gold', 'platinum']


def make_raw(customers, orders, seed=777):
    """Raw tuples, like rows fetched from a database."""
    state = [seed]

    def take(bound):
        state[0] = (state[0] * 1103515245 + 12345) & 0x7fffffff
        return (state[0] >> 9) % bound

    customer_rows = []
    for i in range(customers):
        customer_rows.append((
            i, 'customer%04d' % i, 'c%04d@example.com' % i,
            '%d Main St' % (take(900) + 1), CITIES[take(len(CITIES))],
            '%05d' % take(99999), COUNTRIES[take(len(COUNTRIES))], TIERS[take(len(TIERS))]))
    product_rows = []
    for i in range(40):
        product_rows.append(('P%03d' % i, 'product %d' % i, 199 + 37 * i, 50 + 11 * i))
    order_rows = []
    for i in range(orders):
        items = []
        for j in range(1 + take(5)):
            items.append((take(40), 1 + take(6), take(3) * 5))
        order_rows.append((i, take(customers), items, take(4) != 0, take(3)))
    return customer_rows, product_rows, order_rows


def build(customer_rows, product_rows, order_rows):
    customers = []
    for ident, name, email, street, city, zipcode, country, tier in customer_rows:
        address = Address(street, city, zipcode, country)
        customers.append(Customer(ident, name, email, address, tier))
    products = []
    for sku, title, cents, grams in product_rows:
        products.append(Product(sku, title, cents, grams))
    orders = []
    for ident, cust, items, shipped, priority in order_rows:
        lines = []
        for prod, quantity, discount in items:
            lines.append(LineItem(products[prod], quantity, discount))
        orders.append(Order(ident, customers[cust], lines, shipped, priority))
    return customers, products, orders


def pack(orders):
    parcels = []
    for order in orders:
        if not order.shipped:
            continue
        grams = 0
        cents = 0
        for item in order.items:
            grams += item.product.grams * item.quantity
            gross = item.product.cents * item.quantity
            cents += gross - gross * item.discount // 100
        zone = COUNTRIES.index(order.customer.address.country)
        parcels.append(Parcel(order, grams, cents, zone))
    return parcels


def summarize(orders, parcels):
    per_tier = [0] * len(TIERS)
    revenue = 0
    weight = 0
    heaviest = None
    for parcel in parcels:
        revenue += parcel.cents
        weight += parcel.grams
        per_tier[TIERS.index(parcel.order.customer.tier)] += parcel.cents
        if heaviest is None or parcel.grams > heaviest.grams:
            heaviest = parcel
    return Summary(len(orders), len(parcels), revenue, weight,
                   heaviest.order.ident, per_tier)


def bench_records(raw, rounds):
    summary = None
    for i in range(rounds):
        customers, products, orders = build(*raw)
        parcels = pack(orders)
        summary = summarize(orders, parcels)
    return (summary.orders, summary.parcels, summary.revenue, summary.weight,
            summary.heaviest, tuple(summary.per_tier))

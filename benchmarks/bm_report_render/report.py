# -*- coding: utf-8 -*-
"""Quarterly sales report renderer.

Written the way a lot of old reporting code was written: small record
classes with boilerplate ``__init__`` methods and a great deal of
%-formatting to lay out fixed-width text tables.
"""

import zlib


class Lcg(object):
    """Tiny linear congruential generator, identical on every interpreter."""

    def __init__(self, seed):
        self.state = seed

    def below(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7fffffff
        return (self.state >> 7) % bound


class Region(object):
    def __init__(self, code, name, manager):
        self.code = code
        self.name = name
        self.manager = manager


class Product(object):
    def __init__(self, sku, title, unit_cents):
        self.sku = sku
        self.title = title
        self.unit_cents = unit_cents


class Sale(object):
    def __init__(self, number, region, product, quantity, discount, month):
        self.number = number
        self.region = region
        self.product = product
        self.quantity = quantity
        self.discount = discount
        self.month = month


REGIONS = [
    Region('NE', 'North East', 'Alice Carter'),
    Region('NW', 'North West', 'Bob Okafor'),
    Region('SE', 'South East', 'Chen Wei'),
    Region('SW', 'South West', 'Dana Lopez'),
    Region('CN', 'Central', 'Emil Novak'),
    Region('IS', 'Islands', 'Fiona Byrne'),
]

PRODUCTS = [
    Product('A-100', 'Anvil', 12999),
    Product('B-220', 'Bucket', 499),
    Product('C-310', 'Chisel set', 2350),
    Product('D-405', 'Drill', 8900),
    Product('E-512', 'Extension', 1275),
    Product('F-600', 'File', 325),
    Product('G-777', 'Grinder', 15450),
    Product('H-808', 'Hammer', 1999),
    Product('J-911', 'Jigsaw', 10400),
    Product('K-120', 'Knife', 799),
]

MONTHS = ['Jan', 'Feb', 'Mar']


def make_sales(count, seed=20240101):
    rng = Lcg(seed)
    sales = []
    for number in range(count):
        region = REGIONS[rng.below(len(REGIONS))]
        product = PRODUCTS[rng.below(len(PRODUCTS))]
        quantity = 1 + rng.below(40)
        discount = rng.below(4) * 5
        month = MONTHS[rng.below(len(MONTHS))]
        sales.append(Sale(number + 1, region, product, quantity, discount, month))
    return sales


def money(cents):
    if cents < 0:
        return '-%s' % money(-cents)
    whole = cents // 100
    groups = []
    while whole >= 1000:
        groups.insert(0, '%03d' % (whole % 1000))
        whole = whole // 1000
    groups.insert(0, '%d' % whole)
    return '%s.%02d' % (','.join(groups), cents % 100)


def render_header(title, page, width):
    lines = []
    lines.append('=' * width)
    lines.append('%-*s%*s' % (width // 2, title, width - width // 2, 'page %d' % page))
    lines.append('%-5s %-6s %-12s %-11s %-5s %4s %12s %4s %14s' % (
        'No.', 'Region', 'Manager', 'Product', 'Month', 'Qty', 'Unit', 'Disc', 'Amount'))
    lines.append('-' * width)
    return lines


def render_sale(sale):
    gross = sale.quantity * sale.product.unit_cents
    net = gross - gross * sale.discount // 100
    line = '%05d %-6s %-12.12s %-11.11s %-5s %4d %12s %3d%% %14s' % (
        sale.number, sale.region.code, sale.region.manager, sale.product.title,
        sale.month, sale.quantity, money(sale.product.unit_cents), sale.discount,
        money(net))
    return line, net


def render_report(sales, title, page_size=50, width=84):
    lines = []
    page = 1
    by_region = {}
    by_month = {}
    grand = 0
    units = 0
    for index in range(len(sales)):
        if index % page_size == 0:
            if index:
                lines.append('%*s' % (width, '(continued on page %d)' % (page + 1)))
                page += 1
            lines.extend(render_header(title, page, width))
        sale = sales[index]
        line, net = render_sale(sale)
        lines.append(line)
        grand += net
        units += sale.quantity
        code = sale.region.code
        by_region[code] = by_region.get(code, 0) + net
        by_month[sale.month] = by_month.get(sale.month, 0) + net

    lines.append('=' * width)
    lines.append('%s' % 'Summary by region')
    for region in REGIONS:
        total = by_region.get(region.code, 0)
        if grand:
            share = 100.0 * total / grand
        else:
            share = 0.0
        lines.append('  %(code)-4s %(name)-12s %(manager)-14s %(total)16s %(share)6.2f%%' % {
            'code': region.code,
            'name': region.name,
            'manager': region.manager,
            'total': money(total),
            'share': share,
        })
    lines.append('%s' % 'Summary by month')
    for month in MONTHS:
        lines.append('  %-4s %16s  %s' % (month, money(by_month.get(month, 0)),
                                          '#' * (by_month.get(month, 0) * 40 // max(grand, 1))))
    lines.append('Grand total: %s for %d units over %d sales (average %s, hex id %08x)' % (
        money(grand), units, len(sales), money(grand // max(len(sales), 1)), grand & 0xffffffff))
    return '\n'.join(lines)


def bench_report(sales, titles):
    """Render one report per title; return (total length, crc32 of everything)."""
    crc = 0
    length = 0
    for title in titles:
        text = render_report(sales, title)
        data = text.encode('utf-8')
        crc = zlib.crc32(data, crc) & 0xffffffff
        length += len(data)
    return length, crc

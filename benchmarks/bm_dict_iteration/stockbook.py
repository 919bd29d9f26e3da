"""Warehouse stock book: dict-heavy bookkeeping written the old way.

The code walks dictionaries with ``.items()``/``.keys()``, tests
membership against ``d.keys()``, and builds dicts from lists of pairs.
Every result is reduced in an order-independent way (or sorted first) so
the answer does not depend on dict ordering.
"""

import zlib

WAREHOUSES = ['north', 'south', 'east', 'west', 'central', 'harbor', 'airport']
CATEGORIES = ['bolt', 'nut', 'washer', 'screw', 'rivet', 'pin', 'spring', 'gear', 'cam']


class Lcg(object):
    def __init__(self, seed):
        self.state = seed

    def below(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7fffffff
        return (self.state >> 7) % bound


def make_movements(count, seed=4242):
    rng = Lcg(seed)
    moves = []
    for i in range(count):
        warehouse = WAREHOUSES[rng.below(len(WAREHOUSES))]
        sku = '%s-%02d' % (CATEGORIES[rng.below(len(CATEGORIES))], rng.below(20))
        quantity = rng.below(50) - 15
        moves.append((warehouse, sku, quantity))
    return moves


def build_ledger(moves):
    ledger = dict([(name, {}) for name in WAREHOUSES])
    for warehouse, sku, quantity in moves:
        stock = ledger[warehouse]
        if sku in stock.keys():
            stock[sku] = stock[sku] + quantity
        else:
            stock[sku] = quantity
    return ledger


def summarize(ledger):
    totals = dict([(name, 0) for name in ledger.keys()])
    by_category = {}
    for warehouse, stock in ledger.items():
        for sku, quantity in stock.items():
            totals[warehouse] = totals[warehouse] + quantity
            category = sku.split('-')[0]
            if category in by_category.keys():
                by_category[category] += quantity
            else:
                by_category[category] = quantity

    shortages = []
    for warehouse in ledger.keys():
        for sku in ledger[warehouse].keys():
            if ledger[warehouse][sku] < 0:
                shortages.append((warehouse, sku, ledger[warehouse][sku]))
    shortages.sort()

    # invert the ledger: sku -> warehouses that hold it
    holders = {}
    for warehouse, stock in ledger.items():
        for sku, quantity in stock.items():
            if quantity > 0:
                holders.setdefault(sku, []).append(warehouse)
    spread = 0
    for sku, names in holders.items():
        names.sort()
        spread += len(names) * (CATEGORIES.index(sku.split('-')[0]) + 1)

    # rebalance plan: move stock from the richest warehouse to the others
    plan = {}
    for sku in holders.keys():
        counts = dict([(w, ledger[w].get(sku, 0)) for w in WAREHOUSES])
        richest = max([(c, w) for w, c in counts.items()])
        for w, c in counts.items():
            if c < 0 and richest[0] > 0:
                plan[(richest[1], w, sku)] = -c

    weighted = 0
    for category, quantity in by_category.items():
        weighted += (CATEGORIES.index(category) + 1) * quantity
    grand = sum(totals.values())
    moved = 0
    for key, amount in plan.items():
        moved += amount
    names = sorted(['%s:%s:%d' % s for s in shortages])
    crc = zlib.crc32(','.join(names).encode('utf-8')) & 0xffffffff
    return grand, weighted, spread, len(plan), moved, crc


def bench_stockbook(moves, rounds):
    result = None
    for i in range(rounds):
        ledger = build_ledger(moves)
        result = summarize(ledger)
    return result

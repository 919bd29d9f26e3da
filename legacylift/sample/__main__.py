import io

from inventory import Item, Warehouse, check, read_items

STOCK = u"""\
ABC-1   4   2.50
ABC-2  -1  10.00
not a stock line
XYZ-10  12  0.99
"""


def main():
    items = read_items(io.StringIO(STOCK))
    house = Warehouse("north", items)
    print("%s holds %d lines worth %.2f" % (house.name, len(house.items), house.total()))
    print(check(items))
    spare = Item("SPR-1")
    print(spare.sku, spare.quantity, spare.label, spare == Item("SPR-1"), len({spare, spare}))


if __name__ == "__main__":
    main()

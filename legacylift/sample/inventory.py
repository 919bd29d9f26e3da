# -*- coding: utf-8 -*-
"""A small stock-keeping module written the way Python 3 code often was around 2015."""
import os
import pdb
import re

LINE = re.compile(r"^(?P<sku>[A-Z]{3}-\d+)\s+(?P<qty>-?\d+)\s+(?P<price>\d+\.\d{2})$")


class Item(object):
    """One stock line."""

    def __init__(self, sku, quantity=0, price=0.0, label="unlabelled"):
        self.sku = sku
        self.quantity = quantity  # may go negative on back-orders
        self.price = price
        self.label = label

    def value(self):
        return self.quantity * self.price


class Warehouse(object):
    def __init__(self, name, items):
        self.name = name
        self.items = items

    def total(self):
        return sum(item.value() for item in self.items)


def parse_line(text):
    match = LINE.match(text.strip())
    if match:
        return Item(match.group("sku"), int(match.group("qty")), float(match.group("price")))
    return None


def read_items(stream):
    items = []
    while True:
        line = stream.readline()
        if not line:
            break
        item = parse_line(line)
        if item is not None:
            items.append(item)
    return items


def check(items):
    if os.environ.get("INVENTORY_DEBUG"):
        pdb.set_trace()
    shortage = [item.sku for item in items if item.quantity < 0]
    if shortage:
        return "short: %s" % ", ".join(shortage)
    return "all in stock"

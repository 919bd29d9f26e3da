"""Walking a synthetic directory tree with hand-written generator delegation.

Before ``yield from`` existed, a recursive generator had to re-yield every
item of the sub-generator with ``for x in sub(): yield x``.  This module
does that everywhere: walking the tree, listing paths, flattening nested
lists and chaining iterables.
"""

import zlib


class Node(object):
    def __init__(self, name, size, children):
        self.name = name
        self.size = size
        self.children = children


def build_tree(depth, fanout, seed=5):
    state = [seed]

    def rand(bound):
        state[0] = (state[0] * 1103515245 + 12345) & 0x7fffffff
        return (state[0] >> 8) % bound

    def make(level, index):
        if level == depth:
            return Node('file%d.txt' % index, 1 + rand(5000), [])
        children = []
        for i in range(1 + rand(fanout)):
            children.append(make(level + 1, i))
        return Node('dir%d' % index, 0, children)

    return make(0, 0)


def walk(node):
    yield node
    for child in node.children:
        for item in walk(child):
            yield item


def leaves(node):
    if not node.children:
        yield node
    for child in node.children:
        for leaf in leaves(child):
            yield leaf


def paths(node, prefix):
    here = prefix + '/' + node.name
    yield here
    for child in node.children:
        for path in paths(child, here):
            yield path


def sizes_by_depth(node, depth):
    yield depth, node.size
    for child in node.children:
        for pair in sizes_by_depth(child, depth + 1):
            yield pair


def to_nested(node):
    if not node.children:
        return node.size
    return [to_nested(child) for child in node.children]


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            for x in flatten(item):
                yield x
        else:
            yield item


def chain(*iterables):
    for iterable in iterables:
        for item in iterable:
            yield item


def take_every(iterable, step):
    i = 0
    for item in iterable:
        if i % step == 0:
            yield item
        i += 1


def bench_treewalk(tree):
    count = 0
    for node in walk(tree):
        count += 1
    leaf_total = 0
    for leaf in leaves(tree):
        leaf_total += leaf.size
    crc = 0
    for path in take_every(paths(tree, ''), 7):
        crc = zlib.crc32(path.encode('utf-8'), crc) & 0xffffffff
    weighted = 0
    for depth, size in sizes_by_depth(tree, 0):
        weighted += depth * size
    flat_total = 0
    for value in chain(flatten(to_nested(tree)), [1, 2, 3]):
        flat_total += value
    return count, leaf_total, crc, weighted, flat_total

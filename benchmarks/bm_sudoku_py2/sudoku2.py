"""Backtracking sudoku solver with constraint propagation, in Python 2.

Deliberately *Python 2 only*: ``xrange``, ``range`` used as a list,
``dict.has_key``/``iteritems``, ``dict.keys().sort()``, ``print >>out``,
``raise E, msg``/``except E, e``, backticks, long literals, the ``reduce``
builtin and list-returning ``map``/``filter``/``zip``.  All of it can be
fixed by mechanical 2to3-style rewrites.  Puzzles are generated deterministically from a
pattern grid, and the search order is fixed (lowest-numbered cell among
those with the fewest candidates, digits ascending), so the solutions and
the number of search nodes are the same on every interpreter.
"""

import zlib
from StringIO import StringIO

DIGITS = range(1, 10)


class Contradiction(Exception):
    pass


def build_peers():
    peers = {}
    for cell in xrange(81):
        row, col = divmod(cell, 9)
        box_row, box_col = row - row % 3, col - col % 3
        group = {}
        for i in xrange(9):
            group[row * 9 + i] = 1
            group[i * 9 + col] = 1
            group[(box_row + i // 3) * 9 + box_col + i % 3] = 1
        del group[cell]
        keys = group.keys()
        keys.sort()
        peers[cell] = keys
    return peers


PEERS = build_peers()


def make_puzzle(seed, holes):
    state = seed
    rows = []
    for r in xrange(9):
        rows.append(map(lambda c: (r * 3 + r // 3 + c) % 9 + 1, xrange(9)))
    # relabel the digits
    labels = range(1, 10)
    for i in xrange(8, 0, -1):
        state = (state * 1103515245 + 12345) & 0x7fffffff
        j = (state >> 8) % (i + 1)
        labels[i], labels[j] = labels[j], labels[i]
    rows = [map(lambda d: labels[d - 1], row) for row in rows]
    # shuffle rows inside each band and transpose half of the time
    for band in xrange(3):
        state = (state * 1103515245 + 12345) & 0x7fffffff
        k = (state >> 8) % 3
        top = band * 3
        rows[top], rows[top + k] = rows[top + k], rows[top]
    if (state >> 12) % 2:
        rows = map(list, zip(*rows))
    grid = reduce(lambda acc, row: acc + row, rows, [])
    order = range(81)
    for i in xrange(80, 0, -1):
        state = (state * 1103515245 + 12345) & 0x7fffffff
        j = (state >> 8) % (i + 1)
        order[i], order[j] = order[j], order[i]
    for cell in order[:holes]:
        grid[cell] = 0
    return grid


def assign(cands, cell, digit):
    others = filter(lambda d: d != digit, cands[cell])
    for d in others:
        eliminate(cands, cell, d)


def eliminate(cands, cell, digit):
    values = cands[cell]
    if digit not in values:
        return
    values = filter(lambda d: d != digit, values)
    cands[cell] = values
    if not values:
        raise Contradiction, 'cell %d has no candidates' % cell
    if len(values) == 1:
        only = values[0]
        for peer in PEERS[cell]:
            eliminate(cands, peer, only)


def initial_candidates(grid):
    cands = {}
    for cell in xrange(81):
        cands[cell] = DIGITS[:]
    for cell in xrange(81):
        if grid[cell]:
            assign(cands, cell, grid[cell])
    return cands


def search(cands, stats):
    stats['nodes'] += 1
    open_cells = [(len(v), c) for c, v in cands.iteritems() if len(v) > 1]
    if not open_cells:
        return cands
    open_cells.sort()
    cell = open_cells[0][1]
    for digit in cands[cell]:
        trial = {}
        for c, v in cands.iteritems():
            trial[c] = v[:]
        try:
            assign(trial, cell, digit)
        except Contradiction, e:
            stats['dead'] += 1
            continue
        result = search(trial, stats)
        if result is not None:
            return result
    return None


def show(cands, out):
    for row in xrange(9):
        print >>out, ' '.join(map(lambda c: `cands[row * 9 + c][0]`, xrange(9)))
    print >>out


def bench_sudoku(puzzles):
    stats = {'nodes': 0, 'dead': 0}
    out = StringIO()
    score = 0L
    for grid in puzzles:
        solution = search(initial_candidates(grid), stats)
        if solution is None:
            raise ValueError, 'unsolvable puzzle'
        for cell, values in solution.iteritems():
            score += values[0] * (cell + 1)
        show(solution, out)
    if not stats.has_key('nodes'):
        raise KeyError('nodes')
    text = out.getvalue()
    return int(score), stats['nodes'], stats['dead'], zlib.crc32(text.encode('utf-8')) & 0xffffffffL

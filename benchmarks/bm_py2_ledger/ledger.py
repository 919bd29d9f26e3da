# -*- coding: utf-8 -*-
"""A bank-account ledger written in pure Python 2.

This module is deliberately *Python 2 only*: print statements redirected
with ``>>``, ``xrange``, ``dict.iteritems``/``itervalues``/``has_key``,
``except E, e``, ``raise E, msg``, ``unicode``, long (``10L``) and
old-style octal (``0644``) literals, backticks, and ``dict.keys()`` /
``dict.values()`` used as lists.  It is the input for the 2 -> 3 part of the
modernizer, so everything in it can be fixed by mechanical rewrites of the
kind 2to3 does (no ``cmp``, no ambiguous ``/``, no bytes/text mixing).
"""

import zlib
from cStringIO import StringIO

FEE_CENTS = 25L
PERMISSIONS = 0640
ACCOUNT_TYPES = ['checking', 'savings', 'business', 'student']


class InsufficientFunds(Exception):
    pass


class Account(object):
    def __init__(self, number, owner, kind, balance):
        self.number = number
        self.owner = owner
        self.kind = kind
        self.balance = balance
        self.history = []


def make_transactions(accounts, count, seed=2718):
    state = seed
    rows = []
    for i in xrange(count):
        state = (state * 1103515245 + 12345) & 0x7fffffff
        source = (state >> 5) % accounts
        target = (state >> 11) % accounts
        amount = long((state >> 3) % 50000)
        if (state >> 17) % 9 == 0:
            rows.append(('close', source, target, 0L))
        else:
            rows.append(('transfer', source, target, amount))
    return rows


def open_accounts(count):
    accounts = {}
    for number in xrange(count):
        owner = unicode('owner-%03d' % number)
        kind = ACCOUNT_TYPES[number % len(ACCOUNT_TYPES)]
        accounts[number] = Account(number, owner, kind, 100000L + number * 10L)
    return accounts


def withdraw(account, amount):
    if account.balance < amount + FEE_CENTS:
        raise InsufficientFunds, 'account %d short by %d' % (account.number,
                                                              amount + FEE_CENTS - account.balance)
    account.balance -= amount + FEE_CENTS
    account.history.append(-amount)


def deposit(account, amount):
    account.balance += amount
    account.history.append(amount)


def post(accounts, rows, out):
    failures = 0
    closed = {}
    for kind, source, target, amount in rows:
        if closed.has_key(source) or closed.has_key(target):
            print >>out, 'skip %d -> %d (closed)' % (source, target)
            continue
        if kind == 'close':
            closed[source] = True
            print >>out, 'close %d' % source
            continue
        try:
            withdraw(accounts[source], amount)
        except InsufficientFunds, e:
            failures += 1
            print >>out, 'refused:', e
            continue
        deposit(accounts[target], amount)
        print >>out, '%5d -> %5d %8d' % (source, target, amount)
    return failures, closed


def statement(accounts, out):
    totals = {}
    for number, account in accounts.iteritems():
        totals[account.kind] = totals.get(account.kind, 0L) + account.balance
    kinds = totals.keys()
    kinds.sort()
    for kind in kinds:
        print >>out, '%-10s %14d' % (kind, totals[kind])
    ranked = accounts.values()
    ranked.sort(key=lambda a: (-a.balance, a.number))
    for account in ranked[:10]:
        print >>out, `account.number`, account.owner, account.balance
    moves = 0
    for account in accounts.itervalues():
        moves += len(account.history)
    print >>out, 'moves', moves, 'mode %o' % PERMISSIONS
    return sum(totals.itervalues())


def bench_ledger(n_accounts, rows):
    accounts = open_accounts(n_accounts)
    out = StringIO()
    failures, closed = post(accounts, rows, out)
    total = statement(accounts, out)
    text = out.getvalue()
    return len(text), zlib.crc32(text.encode('utf-8')) & 0xffffffffL, failures, len(closed), int(total)

# -*- coding: utf-8 -*-
"""Web server log scanner.

A classic match-then-test loop: for each line, try one compiled regex
after another (``m = RX.match(line)`` then ``if m:``) and aggregate what
matched.  Keys and report lines are built with ``str.format`` and the
literals carry ``u''`` prefixes, as in code ported from Python 2.
"""

import re
import zlib

ACCESS_RX = re.compile(
    u'^(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+) - (\\w+) \\[(\\d\\d):(\\d\\d):(\\d\\d)\\] '
    u'"(GET|POST|PUT|DELETE) (/[^ ]*) HTTP/1\\.[01]" (\\d{3}) (\\d+)$')
ERROR_RX = re.compile(u'^ERROR \\[(\\w+)\\] code=(\\d+) (.*)$')
WARN_RX = re.compile(u'^WARN \\[(\\w+)\\] (.*?) after (\\d+)ms$')
SLOW_RX = re.compile(u'took (\\d+)ms')
QUERY_RX = re.compile(u'[?&](\\w+)=(\\w*)')

USERS = [u'alice', u'bob', u'carol', u'dave', u'erin', u'frank', u'grace', u'-']
METHODS = [u'GET', u'GET', u'GET', u'POST', u'PUT', u'DELETE']
PATHS = [u'/', u'/index.html', u'/api/items', u'/api/items/{0}', u'/search?q={0}&page={1}',
         u'/static/app.js', u'/login', u'/cart?item={0}']
STATUSES = [u'200', u'200', u'200', u'201', u'301', u'404', u'500']
COMPONENTS = [u'db', u'cache', u'auth', u'queue', u'mailer']


def make_log(count, seed=31337):
    state = seed
    lines = []
    for i in range(count):
        state = (state * 1103515245 + 12345) & 0x7fffffff
        r = state >> 4
        kind = r % 10
        if kind < 7:
            path = PATHS[(r >> 4) % len(PATHS)].format((r >> 8) % 97, (r >> 12) % 5)
            lines.append((u'{0}.{1}.{2}.{3} - {4} [{5:02d}:{6:02d}:{7:02d}] '
                          u'"{8} {9} HTTP/1.1" {10} {11}').format(
                10, (r >> 3) % 4, (r >> 5) % 8, (r >> 7) % 250, USERS[(r >> 9) % len(USERS)],
                (i // 3600) % 24, (i // 60) % 60, i % 60,
                METHODS[(r >> 11) % len(METHODS)], path,
                STATUSES[(r >> 14) % len(STATUSES)], (r >> 6) % 20000))
        elif kind == 7:
            lines.append(u'ERROR [{0}] code={1} request took {2}ms and failed'.format(
                COMPONENTS[(r >> 5) % len(COMPONENTS)], 500 + (r >> 8) % 8, (r >> 10) % 3000))
        elif kind == 8:
            lines.append(u'WARN [{0}] retrying connection after {1}ms'.format(
                COMPONENTS[(r >> 5) % len(COMPONENTS)], (r >> 9) % 900))
        else:
            lines.append(u'# heartbeat {0}'.format(i))
    return lines


def scan(lines):
    hits = {}
    bytes_by_user = {}
    errors = {}
    warn_delay = 0
    slow = 0
    params = {}
    subnets = {}
    other = 0
    for line in lines:
        m = ACCESS_RX.match(line)
        if m:
            user = m.group(5)
            method = m.group(9)
            path = m.group(10)
            status = m.group(11)
            key = u'{0} {1}'.format(method, status)
            hits[key] = hits.get(key, 0) + 1
            bytes_by_user[user] = bytes_by_user.get(user, 0) + int(m.group(12))
            subnet = u'{0}.{1}.{2}'.format(m.group(1), m.group(2), m.group(3))
            subnets[subnet] = subnets.get(subnet, 0) + 1
            q = QUERY_RX.search(path)
            while q:
                name = u'{0}={1}'.format(q.group(1), q.group(2) or u'<empty>')
                params[name] = params.get(name, 0) + 1
                q = QUERY_RX.search(path, q.end())
            continue
        m = ERROR_RX.match(line)
        if m:
            component = m.group(1)
            errors[component] = errors.get(component, 0) + int(m.group(2))
            s = SLOW_RX.search(m.group(3))
            if s:
                if int(s.group(1)) > 1000:
                    slow += 1
            continue
        m = WARN_RX.match(line)
        if m is not None:
            warn_delay += int(m.group(3))
            continue
        other += 1

    report = []
    for key in sorted(hits):
        report.append(u'{0:<12}{1:>8}'.format(key, hits[key]))
    for user in sorted(bytes_by_user):
        report.append(u'{0:<12}{1:>12}'.format(user, bytes_by_user[user]))
    for component in sorted(errors):
        report.append(u'{0:<12}{1:>12}'.format(component, errors[component]))
    for name in sorted(params):
        report.append(u'{0}:{1}'.format(name, params[name]))
    report.append(u'subnets={0} warn={1} slow={2} other={3}'.format(
        len(subnets), warn_delay, slow, other))
    return u'\n'.join(report)


def bench_logscan(lines):
    text = scan(lines)
    data = text.encode('utf-8')
    return len(data), zlib.crc32(data) & 0xffffffff

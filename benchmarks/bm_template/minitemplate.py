"""A small template engine: tokenizer, parser to a node tree, renderer.

Supports ``{{ path.to.value|filter|filter }}``, ``{% for x in seq %}``
(with ``loop_index``/``loop_first``), ``{% if [not] path %}`` with an
optional ``{% else %}``, and ``{# comments #}``.
"""

import re
import zlib

TOKEN_RX = re.compile(r'({{.*?}}|{%.*?%}|{#.*?#})', re.S)


class TemplateError(Exception):
    pass


def escape(value):
    return (value.replace('&', '&amp;').replace('<', '&lt;')
            .replace('>', '&gt;').replace('"', '&quot;'))


FILTERS = {
    'upper': lambda v: v.upper(),
    'lower': lambda v: v.lower(),
    'title': lambda v: v.title(),
    'escape': escape,
    'length': lambda v: '%d' % len(v),
    'cents': lambda v: '%d.%02d' % (v // 100, v % 100),
}


class Context(object):
    def __init__(self, data):
        self.stack = [data]

    def push(self, frame):
        self.stack.append(frame)

    def pop(self):
        self.stack.pop()

    def resolve(self, path):
        parts = path.split('.')
        head = parts[0]
        for frame in reversed(self.stack):
            if head in frame:
                value = frame[head]
                break
        else:
            raise TemplateError('undefined name %r' % head)
        for part in parts[1:]:
            if isinstance(value, dict):
                value = value[part]
            else:
                value = getattr(value, part)
        return value


class Text(object):
    def __init__(self, text):
        self.text = text

    def render(self, ctx, out):
        out.append(self.text)


class Var(object):
    def __init__(self, path, filters):
        self.path = path
        self.filters = filters

    def render(self, ctx, out):
        value = ctx.resolve(self.path)
        for name in self.filters:
            value = FILTERS[name](value)
        if not isinstance(value, str):
            value = '%s' % (value,)
        out.append(value)


class For(object):
    def __init__(self, name, path, body):
        self.name = name
        self.path = path
        self.body = body

    def render(self, ctx, out):
        items = ctx.resolve(self.path)
        index = 0
        for item in items:
            index += 1
            ctx.push({self.name: item, 'loop_index': index, 'loop_first': index == 1})
            for node in self.body:
                node.render(ctx, out)
            ctx.pop()


class If(object):
    def __init__(self, path, negate, body, orelse):
        self.path = path
        self.negate = negate
        self.body = body
        self.orelse = orelse

    def render(self, ctx, out):
        value = bool(ctx.resolve(self.path))
        if self.negate:
            value = not value
        branch = value and self.body or self.orelse
        for node in branch:
            node.render(ctx, out)


def parse(source):
    root = []
    stack = [('root', root, None)]
    for token in TOKEN_RX.split(source):
        if not token:
            continue
        current = stack[-1][1]
        if token.startswith('{#'):
            continue
        if token.startswith('{{'):
            pieces = [p.strip() for p in token[2:-2].split('|')]
            current.append(Var(pieces[0], pieces[1:]))
        elif token.startswith('{%'):
            words = token[2:-2].split()
            tag = words[0]
            if tag == 'for':
                if len(words) != 4 or words[2] != 'in':
                    raise TemplateError('bad for tag: %s' % token)
                node = For(words[1], words[3], [])
                current.append(node)
                stack.append(('for', node.body, node))
            elif tag == 'if':
                negate = words[1] == 'not'
                node = If(words[-1], negate, [], [])
                current.append(node)
                stack.append(('if', node.body, node))
            elif tag == 'else':
                kind, body, node = stack.pop()
                if kind != 'if':
                    raise TemplateError('else outside if')
                stack.append(('else', node.orelse, node))
            elif tag in ('endfor', 'endif'):
                kind = stack.pop()[0]
                if kind not in (tag[3:], 'else') or (kind == 'else' and tag != 'endif'):
                    raise TemplateError('unexpected %s' % tag)
            else:
                raise TemplateError('unknown tag %s' % tag)
        else:
            current.append(Text(token))
    if len(stack) != 1:
        raise TemplateError('unclosed %s' % stack[-1][0])
    return root


def render(nodes, data):
    ctx = Context(data)
    out = []
    for node in nodes:
        node.render(ctx, out)
    return ''.join(out)


PAGE = """<html><head><title>{{ title|escape }}</title></head>
<body>
{# customer directory #}
<h1>{{ title|upper }}</h1>
<p>{{ customers|length }} customers, generated for {{ owner.name|title }}</p>
<table>
{% for c in customers %}  <tr class="{% if loop_first %}first{% else %}row{% endif %}">
    <td>{{ loop_index }}</td><td>{{ c.name|title }}</td><td>{{ c.email|lower }}</td>
    <td>{% if c.active %}active{% else %}<em>inactive</em>{% endif %}</td>
    <td>{% for r in c.roles %}<span>{{ r|upper }}</span>{% endfor %}</td>
  </tr>
  {% if not c.orders %}<tr><td colspan="5">no orders</td></tr>{% endif %}
  {% for o in c.orders %}<tr><td></td><td>#{{ o.number }}</td><td>{{ o.total|cents }}</td>
    <td>{{ o.note|escape }}</td><td>{{ o.items|length }} items</td></tr>
  {% endfor %}
{% endfor %}</table>
</body></html>
"""


def make_data(count, seed=1234):
    state = seed
    roles = ['admin', 'editor', 'viewer', 'billing', 'support']
    customers = []
    for i in range(count):
        state = (state * 1103515245 + 12345) & 0x7fffffff
        r = state >> 5
        orders = []
        for j in range(r % 4):
            orders.append({'number': i * 10 + j, 'total': (r >> (j + 2)) % 100000,
                           'note': 'ships <%d> & "fast"' % j, 'items': ['x'] * (1 + j)})
        customers.append({
            'name': 'customer number %d' % i,
            'email': 'Customer%d@Example.COM' % i,
            'active': (r >> 3) % 3 != 0,
            'roles': roles[:1 + (r >> 7) % len(roles)],
            'orders': orders,
        })
    return {'title': 'Customer <Directory> & Orders', 'owner': {'name': 'ada lovelace'},
            'customers': customers}


def bench_template(source, data, repeat):
    crc = 0
    length = 0
    for i in range(repeat):
        nodes = parse(source)
        text = render(nodes, data)
        crc = zlib.crc32(text.encode('utf-8'), crc) & 0xffffffff
        length += len(text)
    return length, crc

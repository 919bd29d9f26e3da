"""Tokenizer, recursive-descent parser and evaluator for integer arithmetic.

Grammar::

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/' | '%') unary)*
    unary  := '-' unary | power
    power  := atom ('^' unary)?
    atom   := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'

``/`` is floor division, division or modulo by zero gives 0, and ``a ^ b``
raises ``a`` to the power ``abs(b) % 4`` so numbers stay reasonable.
"""


class ParseError(Exception):
    pass


NUMBER = 'number'
NAME = 'name'
OP = 'op'
END = 'end'
DIGITS = '0123456789'
LETTERS = 'abcdefghijklmnopqrstuvwxyz_'
OPERATORS = '+-*/%^(),'


def tokenize(text):
    tokens = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == ' ' or ch == '\t':
            i += 1
        elif ch in DIGITS:
            start = i
            while i < n and text[i] in DIGITS:
                i += 1
            tokens.append((NUMBER, int(text[start:i])))
        elif ch in LETTERS:
            start = i
            while i < n and (text[i] in LETTERS or text[i] in DIGITS):
                i += 1
            tokens.append((NAME, text[start:i]))
        elif ch in OPERATORS:
            tokens.append((OP, ch))
            i += 1
        else:
            raise ParseError('unexpected character %r at %d' % (ch, i))
    tokens.append((END, None))
    return tokens


class Parser(object):
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos]

    def advance(self):
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, value):
        kind, got = self.advance()
        if kind != OP or got != value:
            raise ParseError('expected %r, got %r' % (value, got))

    def parse(self):
        node = self.expr()
        if self.peek()[0] != END:
            raise ParseError('trailing input at token %d' % self.pos)
        return node

    def expr(self):
        node = self.term()
        while True:
            kind, value = self.peek()
            if kind == OP and (value == '+' or value == '-'):
                self.advance()
                node = ('bin', value, node, self.term())
            else:
                return node

    def term(self):
        node = self.unary()
        while True:
            kind, value = self.peek()
            if kind == OP and (value == '*' or value == '/' or value == '%'):
                self.advance()
                node = ('bin', value, node, self.unary())
            else:
                return node

    def unary(self):
        kind, value = self.peek()
        if kind == OP and value == '-':
            self.advance()
            return ('neg', self.unary())
        return self.power()

    def power(self):
        node = self.atom()
        kind, value = self.peek()
        if kind == OP and value == '^':
            self.advance()
            node = ('bin', '^', node, self.unary())
        return node

    def atom(self):
        kind, value = self.advance()
        if kind == NUMBER:
            return ('num', value)
        if kind == NAME:
            nkind, nvalue = self.peek()
            if nkind == OP and nvalue == '(':
                self.advance()
                args = [self.expr()]
                while self.peek() == (OP, ','):
                    self.advance()
                    args.append(self.expr())
                self.expect(')')
                return ('call', value, args)
            return ('var', value)
        if kind == OP and value == '(':
            node = self.expr()
            self.expect(')')
            return node
        raise ParseError('unexpected token %r' % (value,))


def evaluate(node, env):
    tag = node[0]
    if tag == 'num':
        return node[1]
    if tag == 'var':
        return env[node[1]]
    if tag == 'neg':
        return -evaluate(node[1], env)
    if tag == 'bin':
        op = node[1]
        left = evaluate(node[2], env)
        right = evaluate(node[3], env)
        if op == '+':
            return left + right
        if op == '-':
            return left - right
        if op == '*':
            return left * right
        if op == '/':
            if right == 0:
                return 0
            return left // right
        if op == '%':
            if right == 0:
                return 0
            return left % right
        if op == '^':
            return left ** (abs(right) % 4)
        raise ParseError('bad operator %s' % op)
    if tag == 'call':
        args = [evaluate(a, env) for a in node[2]]
        name = node[1]
        if name == 'min':
            return min(args)
        if name == 'max':
            return max(args)
        if name == 'abs':
            return abs(args[0])
        raise ParseError('unknown function %s' % name)
    raise ParseError('bad node %r' % (tag,))


def count_nodes(node):
    tag = node[0]
    if tag == 'num' or tag == 'var':
        return 1
    if tag == 'neg':
        return 1 + count_nodes(node[1])
    if tag == 'bin':
        return 1 + count_nodes(node[2]) + count_nodes(node[3])
    total = 1
    for arg in node[2]:
        total += count_nodes(arg)
    return total


def make_expressions(count, seed=8086):
    state = [seed]

    def rand(bound):
        state[0] = (state[0] * 1103515245 + 12345) & 0x7fffffff
        return (state[0] >> 8) % bound

    def gen(depth):
        choice = rand(10)
        if depth > 4 or choice < 3:
            if rand(3) == 0:
                return ['x', 'y', 'z', 'rate'][rand(4)]
            return '%d' % rand(1000)
        if choice < 8:
            op = '+-*/%^'[rand(6)]
            return '%s %s %s' % (gen(depth + 1), op, gen(depth + 1))
        if choice == 8:
            return '(%s)' % gen(depth + 1)
        if rand(2):
            return '-%s' % gen(depth + 1)
        name = ['min', 'max', 'abs'][rand(3)]
        if name == 'abs':
            return 'abs(%s)' % gen(depth + 1)
        return '%s(%s, %s)' % (name, gen(depth + 1), gen(depth + 1))

    return [gen(0) for i in range(count)]


def bench_calc(expressions):
    env = {'x': 7, 'y': -3, 'z': 12, 'rate': 5}
    total = 0
    nodes = 0
    tokens = 0
    for text in expressions:
        toks = tokenize(text)
        tokens += len(toks)
        tree = Parser(toks).parse()
        nodes += count_nodes(tree)
        total = (total * 31 + evaluate(tree, env)) % 2147483647
    return len(expressions), tokens, nodes, total

"""A tiny stack-based bytecode virtual machine with a text assembler.

Programs are written in a small assembly language, assembled into a list
of ``(opcode, argument)`` pairs with resolved labels and variable slots,
and run by a classic ``if/elif`` dispatch loop.
"""

PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, JNZ, \
    CALL, RET, DUP, POP, SWAP, OUT, HALT = range(20)

OPCODES = {
    'push': PUSH, 'load': LOAD, 'store': STORE, 'add': ADD, 'sub': SUB,
    'mul': MUL, 'div': DIV, 'mod': MOD, 'lt': LT, 'eq': EQ, 'jmp': JMP,
    'jz': JZ, 'jnz': JNZ, 'call': CALL, 'ret': RET, 'dup': DUP, 'pop': POP,
    'swap': SWAP, 'out': OUT, 'halt': HALT,
}


class AssemblyError(Exception):
    pass


class VMError(Exception):
    pass


def assemble(source):
    labels = {}
    slots = {}
    pending = []
    for raw in source.split('\n'):
        line = raw.split(';')[0].strip()
        if not line:
            continue
        if line.endswith(':'):
            labels[line[:-1]] = len(pending)
            continue
        parts = line.split()
        name = parts[0]
        if name not in OPCODES:
            raise AssemblyError('unknown instruction %r' % name)
        pending.append((OPCODES[name], parts[1:]))
    code = []
    for op, args in pending:
        arg = None
        if op == PUSH:
            arg = int(args[0])
        elif op in (LOAD, STORE):
            arg = slots.setdefault(args[0], len(slots))
        elif op in (JMP, JZ, JNZ, CALL):
            if args[0] not in labels:
                raise AssemblyError('unknown label %r' % args[0])
            arg = labels[args[0]]
        code.append((op, arg))
    return code, len(slots)


def execute(code, nslots, max_steps):
    stack = []
    memory = [0] * nslots
    calls = []
    output = []
    pc = 0
    steps = 0
    while steps < max_steps:
        op, arg = code[pc]
        pc += 1
        steps += 1
        if op == PUSH:
            stack.append(arg)
        elif op == LOAD:
            stack.append(memory[arg])
        elif op == STORE:
            memory[arg] = stack.pop()
        elif op == ADD:
            b = stack.pop()
            stack[-1] = stack[-1] + b
        elif op == SUB:
            b = stack.pop()
            stack[-1] = stack[-1] - b
        elif op == MUL:
            b = stack.pop()
            stack[-1] = stack[-1] * b
        elif op == DIV:
            b = stack.pop()
            if b == 0:
                raise VMError('division by zero at %d' % (pc - 1))
            stack[-1] = stack[-1] // b
        elif op == MOD:
            b = stack.pop()
            if b == 0:
                raise VMError('modulo by zero at %d' % (pc - 1))
            stack[-1] = stack[-1] % b
        elif op == LT:
            b = stack.pop()
            stack[-1] = stack[-1] < b and 1 or 0
        elif op == EQ:
            b = stack.pop()
            stack[-1] = stack[-1] == b and 1 or 0
        elif op == JMP:
            pc = arg
        elif op == JZ:
            if stack.pop() == 0:
                pc = arg
        elif op == JNZ:
            if stack.pop() != 0:
                pc = arg
        elif op == CALL:
            calls.append(pc)
            pc = arg
        elif op == RET:
            pc = calls.pop()
        elif op == DUP:
            stack.append(stack[-1])
        elif op == POP:
            stack.pop()
        elif op == SWAP:
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == OUT:
            output.append(stack.pop())
        elif op == HALT:
            return output, steps
        else:
            raise VMError('bad opcode %r' % op)
    raise VMError('step limit exceeded')


# count the primes below LIMIT by trial division, print the count and the last one
PRIMES = """
    push 2
    store n
    push 0
    store count
next_n:
    load n
    load limit
    lt
    jz done
    push 2
    store d
try_d:
    load d
    load d
    mul
    load n
    swap
    lt              ; n < d*d  -> prime
    jnz is_prime
    load n
    load d
    mod
    jz not_prime
    load d
    push 1
    add
    store d
    jmp try_d
is_prime:
    load count
    push 1
    add
    store count
    load n
    store last
not_prime:
    load n
    push 1
    add
    store n
    jmp next_n
done:
    load count
    out
    load last
    out
    halt
"""

# sum of gcd(a, b) for 1 <= a, b < LIMIT, using a subroutine
GCD_SUM = """
    push 0
    store total
    push 1
    store a
loop_a:
    load a
    load limit
    lt
    jz finish
    push 1
    store b
loop_b:
    load b
    load limit
    lt
    jz next_a
    load a
    store x
    load b
    store y
    call gcd
    load total
    load x
    add
    store total
    load b
    push 1
    add
    store b
    jmp loop_b
next_a:
    load a
    push 1
    add
    store a
    jmp loop_a
finish:
    load total
    out
    halt
gcd:                ; x, y -> x = gcd(x, y)
    load y
    jz gcd_done
    load x
    load y
    mod
    load y
    store x
    store y
    jmp gcd
gcd_done:
    ret
"""

# longest Collatz chain for starting values below LIMIT
COLLATZ = """
    push 1
    store start
    push 0
    store best
    push 0
    store best_start
outer:
    load start
    load limit
    lt
    jz report
    load start
    store v
    push 1
    store len
inner:
    load v
    push 1
    eq
    jnz chain_done
    load v
    push 2
    mod
    jz even
    load v
    push 3
    mul
    push 1
    add
    store v
    jmp counted
even:
    load v
    push 2
    div
    store v
counted:
    load len
    push 1
    add
    store len
    jmp inner
chain_done:
    load best
    load len
    lt
    jz not_better
    load len
    store best
    load start
    store best_start
not_better:
    load start
    push 1
    add
    store start
    jmp outer
report:
    load best
    out
    load best_start
    out
    halt
"""


def with_limit(source, limit):
    return '    push %d\n    store limit\n%s' % (limit, source)


def bench_stackvm(limits):
    outputs = []
    total_steps = 0
    for source, limit in ((PRIMES, limits[0]), (GCD_SUM, limits[1]), (COLLATZ, limits[2])):
        code, nslots = assemble(with_limit(source, limit))
        output, steps = execute(code, nslots, 50000000)
        outputs.extend(output)
        total_steps += steps
    return tuple(outputs) + (total_steps,)

"""A miniature cooperative kernel: prioritised tasks exchanging packets.

A source task produces jobs, workers split them into chunks, device
drivers "transfer" the chunks one word per time slice and then sleep for
a while (simulated latency), and a sink collects the results.  The
scheduler always runs the highest-priority task that has work to do and
advances a virtual clock when everybody is blocked on a timer.
"""


class Packet(object):
    def __init__(self, sender, kind, payload):
        self.sender = sender
        self.kind = kind
        self.payload = payload


class Task(object):
    def __init__(self, name, priority):
        self.name = name
        self.priority = priority
        self.inbox = []
        self.sleeping = False
        self.done = False
        self.kernel = None
        self.runs = 0

    def wants_cpu(self):
        if self.sleeping or self.done:
            return False
        return len(self.inbox) > 0

    def step(self, packet):
        raise NotImplementedError


class Source(Task):
    def __init__(self, name, priority, jobs, seed, workers):
        Task.__init__(self, name, priority)
        self.remaining = jobs
        self.state = seed
        self.workers = workers
        self.turn = 0

    def wants_cpu(self):
        return not self.done and not self.sleeping

    def step(self, packet):
        if self.remaining == 0:
            self.done = True
            return
        payload = []
        for i in range(4 + self.remaining % 5):
            self.state = (self.state * 1103515245 + 12345) & 0x7fffffff
            payload.append((self.state >> 9) & 0xffff)
        worker = self.workers[self.turn % len(self.workers)]
        self.turn += 1
        self.remaining -= 1
        self.kernel.send(worker, Packet(self.name, 'job', payload))
        if self.remaining % 3 == 0:
            self.kernel.sleep(self, 2)


class Worker(Task):
    def __init__(self, name, priority, devices):
        Task.__init__(self, name, priority)
        self.devices = devices
        self.turn = 0
        self.digest = 0

    def step(self, packet):
        words = packet.payload
        for w in words:
            self.digest = ((self.digest << 5) ^ (self.digest >> 27) ^ w) & 0xffffffff
        half = (len(words) + 1) // 2
        for chunk in (words[:half], words[half:]):
            if chunk:
                device = self.devices[self.turn % len(self.devices)]
                self.turn += 1
                self.kernel.send(device, Packet(self.name, 'chunk', list(chunk)))


class Device(Task):
    def __init__(self, name, priority, latency, sink):
        Task.__init__(self, name, priority)
        self.latency = latency
        self.sink = sink
        self.current = None
        self.position = 0
        self.accumulator = 0

    def wants_cpu(self):
        if self.sleeping:
            return False
        return self.current is not None or len(self.inbox) > 0

    def step(self, packet):
        if self.current is None:
            self.current = packet
            self.position = 0
            self.accumulator = 0
            return
        word = self.current.payload[self.position]
        self.accumulator = (self.accumulator * 31 + word) % 1000003
        self.position += 1
        if self.position == len(self.current.payload):
            self.kernel.send(self.sink, Packet(self.name, 'result', [self.accumulator]))
            self.current = None
            self.kernel.sleep(self, self.latency)

    def takes_packet(self):
        return self.current is None


class Sink(Task):
    def __init__(self, name, priority):
        Task.__init__(self, name, priority)
        self.count = 0
        self.total = 0

    def step(self, packet):
        self.count += 1
        self.total = (self.total + packet.payload[0] * self.count) % 4294967291


class Kernel(object):
    def __init__(self):
        self.tasks = []
        self.timers = []
        self.clock = 0
        self.switches = 0
        self.idle_ticks = 0
        self.messages = 0

    def add(self, task):
        task.kernel = self
        self.tasks.append(task)
        self.tasks.sort(key=lambda t: -t.priority)
        return task

    def send(self, task, packet):
        self.messages += 1
        task.inbox.append(packet)

    def sleep(self, task, ticks):
        task.sleeping = True
        self.timers.append((self.clock + ticks, task.priority, task))

    def wake_due(self):
        if not self.timers:
            return
        still = []
        for entry in self.timers:
            if entry[0] <= self.clock:
                entry[2].sleeping = False
            else:
                still.append(entry)
        self.timers = still

    def pick(self):
        for task in self.tasks:
            if task.wants_cpu():
                return task
        return None

    def run(self, limit):
        while self.switches < limit:
            self.wake_due()
            task = self.pick()
            if task is None:
                if not self.timers:
                    break
                self.clock = min([t[0] for t in self.timers])
                self.idle_ticks += 1
                continue
            packet = None
            if task.inbox and (not isinstance(task, Device) or task.takes_packet()):
                packet = task.inbox.pop(0)
            task.step(packet)
            task.runs += 1
            self.switches += 1
            self.clock += 1


def bench_kernel(jobs):
    kernel = Kernel()
    sink = kernel.add(Sink('sink', 90))
    devices = [kernel.add(Device('disk', 60, 5, sink)),
               kernel.add(Device('net', 61, 9, sink)),
               kernel.add(Device('tape', 59, 17, sink))]
    workers = [kernel.add(Worker('w1', 30, devices)),
               kernel.add(Worker('w2', 31, devices[::-1]))]
    kernel.add(Source('source', 1, jobs, 12345, workers))
    kernel.run(10000000)
    digest = 0
    for w in workers:
        digest ^= w.digest
    runs = tuple([t.runs for t in kernel.tasks])
    return (kernel.switches, kernel.clock, kernel.idle_ticks, kernel.messages,
            sink.count, sink.total, digest, runs)

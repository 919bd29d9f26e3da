"""Newtonian n-body simulation of the Sun and the four gas giants.

Pure float arithmetic on small lists: a classic CPU benchmark.  Masses
are in solar masses, distances in AU and time in days scaled by the
Gaussian gravitational constant, so G == 1 in these units.
"""

import math

SOLAR_MASS = 4.0 * math.pi * math.pi
DAYS_PER_YEAR = 365.24


class Body(object):
    def __init__(self, name, position, velocity, mass):
        self.name = name
        self.position = position
        self.velocity = velocity
        self.mass = mass


def initial_system():
    # (name, x, y, z, vx, vy, vz in AU/day, mass in solar masses)
    raw = [
        ('sun', 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        ('jupiter', 4.8414314424647209, -1.1603200440274284, -0.10362204447112311,
         0.00166007664274403694, 0.00769901118419740425, -0.0000690460016972063023,
         0.000954791938424326609),
        ('saturn', 8.34336671824457987, 4.12479856412430479, -0.403523417114321381,
         -0.00276742510726862411, 0.00499852801234917238, 0.0000230417297573763929,
         0.000285885980666130812),
        ('uranus', 12.894369562139131, -15.111151401698631, -0.22330757889265573,
         0.00296460137564761618, 0.00237847173959480950, -0.0000296589568540237556,
         0.0000436624404335156298),
        ('neptune', 15.379697114850917, -25.919314609987964, 0.17925877295037118,
         0.00268067772490389322, 0.00162824170038242295, -0.0000951592254519715870,
         0.0000515138902046611451),
    ]
    bodies = []
    for name, x, y, z, vx, vy, vz, mass in raw:
        bodies.append(Body(name, [x, y, z],
                           [vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR],
                           mass * SOLAR_MASS))
    return bodies


def offset_momentum(bodies):
    px = py = pz = 0.0
    for body in bodies:
        px -= body.velocity[0] * body.mass
        py -= body.velocity[1] * body.mass
        pz -= body.velocity[2] * body.mass
    sun = bodies[0]
    sun.velocity[0] = px / sun.mass
    sun.velocity[1] = py / sun.mass
    sun.velocity[2] = pz / sun.mass


def pairs_of(bodies):
    pairs = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            pairs.append((bodies[i], bodies[j]))
    return pairs


def energy(bodies):
    e = 0.0
    for body in bodies:
        v = body.velocity
        e += 0.5 * body.mass * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2])
    for a, b in pairs_of(bodies):
        dx = a.position[0] - b.position[0]
        dy = a.position[1] - b.position[1]
        dz = a.position[2] - b.position[2]
        e -= a.mass * b.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def advance(bodies, pairs, dt, steps):
    for step in range(steps):
        for a, b in pairs:
            pa = a.position
            pb = b.position
            dx = pa[0] - pb[0]
            dy = pa[1] - pb[1]
            dz = pa[2] - pb[2]
            dist2 = dx * dx + dy * dy + dz * dz
            scale = dt / (dist2 * math.sqrt(dist2))
            ma = a.mass * scale
            mb = b.mass * scale
            va = a.velocity
            vb = b.velocity
            va[0] -= dx * mb
            va[1] -= dy * mb
            va[2] -= dz * mb
            vb[0] += dx * ma
            vb[1] += dy * ma
            vb[2] += dz * ma
        for body in bodies:
            p = body.position
            v = body.velocity
            p[0] += dt * v[0]
            p[1] += dt * v[1]
            p[2] += dt * v[2]


def bench_nbody(steps):
    bodies = initial_system()
    offset_momentum(bodies)
    before = energy(bodies)
    advance(bodies, pairs_of(bodies), 0.01, steps)
    after = energy(bodies)
    return before, after

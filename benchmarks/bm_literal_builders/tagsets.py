"""Tag and vocabulary crunching built on set() and dict() constructor calls.

Old code often builds sets as ``set([...])`` and dicts as
``dict([(k, v) for ...])`` or ``dict((k, v) for ...)`` instead of using
literals and comprehensions.  Everything reduced here is reduced in an
order-independent way, so string hash randomisation does not matter.
"""

import zlib

WORDS = ('alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima '
         'mike november oscar papa quebec romeo sierra tango uniform victor whiskey '
         'xray yankee zulu the a an of to in and or but with').split()


def make_documents(count, length, seed=99):
    state = seed
    docs = []
    for i in range(count):
        words = []
        for j in range(length):
            state = (state * 1103515245 + 12345) & 0x7fffffff
            words.append(WORDS[(state >> 8) % len(WORDS)])
        docs.append(' '.join(words))
    return docs


def analyse(docs):
    stopwords = set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'or', 'but', 'with'])
    vowels = set(['a', 'e', 'i', 'o', 'u'])
    weights = dict([('alpha', 3), ('bravo', 2), ('charlie', 5), ('delta', 7), ('echo', 1)])
    seen = set([])
    total_vocab = 0
    overlap = 0
    position_sum = 0
    weight_sum = 0
    pair_count = 0
    previous = set([])
    letter_score = 0
    for text in docs:
        words = text.split()
        vocab = set([w for w in words if w not in stopwords])
        total_vocab += len(vocab)
        overlap += len(vocab & previous)
        previous = vocab
        seen = seen | vocab
        last_position = dict([(w, i) for i, w in enumerate(words)])
        first_position = dict((w, len(words) - i) for i, w in enumerate(reversed(words)))
        for w in vocab:
            position_sum += last_position[w] - (len(words) - first_position[w])
        lengths = dict((w, len(w)) for w in vocab)
        weight_sum += sum([weights.get(w, 0) * lengths[w] for w in vocab])
        pairs = set([(words[i], words[i + 1]) for i in range(len(words) - 1)])
        pair_count += len(pairs)
        initials = set(w[0] for w in vocab)
        letter_score += len(initials & vowels) * 10 + len(initials - vowels)
        counts = dict()
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        common = list(set([w for w in counts if counts[w] > 2]))
        common.sort()
        letter_score += len(common)
    summary = ','.join(sorted(list(seen)))
    crc = zlib.crc32(summary.encode('utf-8')) & 0xffffffff
    return total_vocab, overlap, position_sum, weight_sum, pair_count, letter_score, crc


def bench_tagsets(docs):
    return analyse(docs)

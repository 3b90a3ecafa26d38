"""Check hand-written test transcripts: format basics and `# expect:` headers.

Usage: python3 tests/scoring/check_expect_headers.py [CALLS_DIR] [-v] [--spec PATH]
CALLS_DIR defaults to tests/scoring/calls next to this file; --spec defaults to
/work/shared/spec/protocol-items.md. -v prints per-item counts of expectations.
Only files named <item-id>--<slug>.txt are checked.
"""
import re, sys, glob, os, collections
args = [a for a in sys.argv[1:]]
spec_path = '/work/shared/spec/protocol-items.md'
if '--spec' in args:
    i = args.index('--spec'); spec_path = args[i+1]; del args[i:i+2]
verbose = '-v' in args
args = [a for a in args if a != '-v']
spec = open(spec_path, encoding='utf-8').read()
ids = set(re.findall(r'^\| `([a-z]+\.[a-z_0-9]+)` \|', spec, re.M))
d = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'calls')
TL = re.compile(r'^\[(\d+:)?\d{2}:\d{2}\] ')
SP = re.compile(r'^\[(?:\d+:)?\d{2}:\d{2}\] (AGENT|CALLER|CSR|REP|ASSOCIATE|CUSTOMER|MEMBER): \S', re.I)
EV = re.compile(r'^\[(?:\d+:)?\d{2}:\d{2}\] \* ([a-z_]+)((?: [a-z_]+=(?:"[^"]*"|[^\s"]+))*)$')
bad = 0
counts = collections.defaultdict(lambda: collections.Counter())
def secs(t):
    p = [int(x) for x in t.split(':')]
    return p[0]*3600+p[1]*60+p[2] if len(p)==3 else p[0]*60+p[1]
for f in sorted(glob.glob(os.path.join(d, '*--*.txt'))):
    name = os.path.basename(f)
    try:
        lines = open(f, encoding='utf-8').read().split('\n')
    except UnicodeDecodeError:
        print(name, 'not utf8'); bad += 1; continue
    errs = []
    if lines[0] != '# callsim transcript: 1': errs.append('no version line')
    hdr = {}; seen_timed = False; last = -1; ntimed = 0
    for i, l in enumerate(lines, 1):
        if not l.strip(): continue
        if l.startswith('#'):
            if seen_timed: errs.append(f'{i}: header after timed'); continue
            m = re.match(r'^# ([^:]+): (.*)$', l)
            if not m: errs.append(f'{i}: bad header'); continue
            hdr[m.group(1)] = m.group(2); continue
        if not TL.match(l): errs.append(f'{i}: bad line {l[:40]}'); continue
        seen_timed = True; ntimed += 1
        t = secs(l[1:l.index(']')])
        if t < last: errs.append(f'{i}: time backwards')
        last = t
        if l.split('] ',1)[1].startswith('* '):
            if not EV.match(l): errs.append(f'{i}: bad event {l}')
        elif not SP.match(l): errs.append(f'{i}: bad speech {l[:50]}')
    item = name.split('--')[0]
    if item not in ids: errs.append('file item not an id: '+item)
    exp = hdr.get('expect', '')
    got = {}
    for part in exp.split(','):
        part = part.strip()
        m = re.match(r'^([a-z_.0-9]+)=(pass|fail|na)$', part)
        if not m: errs.append('bad expect part: '+part); continue
        if m.group(1) not in ids: errs.append('unknown id '+m.group(1))
        if m.group(1) in got: errs.append('dup '+m.group(1))
        got[m.group(1)] = m.group(2)
    if item not in got: errs.append('own item not in expect')
    if 'why' not in hdr: errs.append('no why')
    if not (8 <= ntimed <= 34): errs.append(f'{ntimed} timed lines')
    for k, v in got.items(): counts[k][v] += 1
    counts['__file__'][item] += 1
    if errs: bad += 1; print(name, errs)
print('files', sum(counts['__file__'].values()), 'bad', bad)
if verbose:
    for k in sorted(ids):
        print(f'{k:28} files={counts["__file__"][k]:3} ', dict(counts[k]))
sys.exit(1 if bad else 0)

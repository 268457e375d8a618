"""Rule F: sanity outcomes per (hw, host, tag, model) -> $FIGURES_WORK/sanity2.json"""
import os, re, json, collections, datetime
from common import *
from common import WORK
W = WORK; os.makedirs(W, exist_ok=True)
base = f'{ROOT}/test/sanity_check_log'
SEC = re.compile(r'^=== (\S+) on (\S+) ===')
FINAL = re.compile(r'^Final result: (PASS|FAIL)\b')
TRAIL = re.compile(r'^  (\S+): (PASS|FAIL|SKIPPED)\s*$')
SKIP = re.compile(r'^(\S+): SKIPPED - ')
SKIP_ANY = re.compile(r'^(\S+): SKIPPED\b')
TRIAL = re.compile(r'^Trial (\d+): .*\(Accuracy: ([0-9.]+)')
TZ = {'PDT': -7, 'PST': -8}
def ptime(s):
    m = re.match(r'^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\s+([A-Z]{3}))?', s)
    if not m: return None
    return datetime.datetime.strptime(m.group(1), '%Y-%m-%d %H:%M:%S') - datetime.timedelta(hours=TZ.get(m.group(2), 0))
def parse(p):
    L = read_lines(p)
    info = dict(empty=''.join(L).strip() == '', machine=None, start=None, sections=collections.defaultdict(list), trailer={}, skip={},
                named=set(), trials=[], trailer_outside_overall=0, skip_nondash=set())
    cur = None; in_overall = False
    for i, line in enumerate(L, 1):
        if line.startswith('Machine:') and info['machine'] is None: info['machine'] = line.split(':', 1)[1].strip() or None
        if line.startswith('Start time:') and info['start'] is None: info['start'] = line.split(':', 1)[1].strip()
        if line.startswith('Models:'):
            for x in line.split(':', 1)[1].split(','):
                if x.strip(): info['named'].add(x.strip())
        m = SEC.match(line)
        if m:
            cur = dict(model=m.group(1), start=i, final=None, startup_failed=None, retrying=False)
            info['sections'][m.group(1)].append(cur); info['named'].add(m.group(1)); continue
        if line.startswith('OVERALL SUMMARY'): cur = None; in_overall = True
        if cur is not None:
            m = FINAL.match(line)
            if m: cur['final'] = (m.group(1), i)
            if line.startswith('Server startup: FAILED'): cur['startup_failed'] = i
            if 'Retrying' in line: cur['retrying'] = True
        m = TRAIL.match(line)
        if m:
            info['trailer'][m.group(1)] = (m.group(2), i); info['named'].add(m.group(1))
            if not in_overall: info['trailer_outside_overall'] += 1
        m = SKIP.match(line)
        if m: info['skip'][m.group(1)] = ('SKIPPED', i); info['named'].add(m.group(1))
        elif SKIP_ANY.match(line):
            info['skip_nondash'].add(SKIP_ANY.match(line).group(1)); info['named'].add(SKIP_ANY.match(line).group(1))
        m = TRIAL.match(line)
        if m and cur: info['trials'].append(dict(model=cur['model'], trial=m.group(1), acc=m.group(2), line=i))
    return info
def decide(info, mdl):
    secs = info['sections'].get(mdl)
    if secs:
        last = secs[-1]
        if last['final']: return last['final'][0], last['final'][1], 'final'
        if last['startup_failed']:   # last section => never followed by a retry section for this model in this file
            return 'FAIL', last['startup_failed'], 'startup_failed'
    if mdl in info['trailer']: return info['trailer'][mdl][0], info['trailer'][mdl][1], 'trailer'
    if mdl in info['skip']: return 'SKIPPED', info['skip'][mdl][1], 'skip'
    return None
files = []; spot_trials = []; diag = collections.Counter(); diag_list = []
for hwd in sorted(os.listdir(base)):
    for tag in sorted(os.listdir(f'{base}/{hwd}')):
        dp = f'{base}/{hwd}/{tag}'; hw = tag_info(tag)['hw']
        for f in sorted(os.listdir(dp)):
            if not re.match(r'timing_summary_.*\.log$', f): continue
            info = parse(f'{dp}/{f}')
            if info['empty']: diag['empty_files'] += 1; continue
            info.update(file=rel(f'{dp}/{f}'), fname=f, hw=hw, tag=tag, host=info['machine'] or 'unknown', start_utc=ptime(info['start'] or ''))
            if info['start_utc'] is None: diag['no_start_header'] += 1
            diag['trailer_outside_overall'] += info['trailer_outside_overall']
            files.append(info)
            for t in info['trials']: spot_trials.append(dict(file=info['file'], hw=hw, tag=tag, host=info['host'], **t))
groups = collections.defaultdict(list)
for info in files: groups[(info['hw'], info['host'], info['tag'])].append(info)
results = []
for (hw, host, tag), fs in sorted(groups.items()):
    fs.sort(key=lambda x: (x['start_utc'] or datetime.datetime.min, x['fname']))
    models = set().union(*[x['named'] for x in fs])
    for mdl in sorted(models):
        dec = None
        for x in reversed(fs):
            d = decide(x, mdl)
            if d:
                dec = (x, d); break
            if mdl in x['named'] and mdl not in (x['sections'].keys() | x['trailer'].keys() | x['skip'].keys()) and mdl in x['skip_nondash']:
                diag['skipped_paren_only_files'] += 1
        if dec is None:
            if any(mdl in (x['sections'].keys() | x['trailer'].keys() | x['skip'].keys() | x['skip_nondash']) for x in fs): diag['host_tag_model_named_never_decided'] += 1
            continue
        x, (r, ln, how) = dec
        # diagnostics: a later file of the same host named the model but decided nothing (fallback happened)
        later = [y for y in fs if (y['start_utc'] or datetime.datetime.min, y['fname']) > (x['start_utc'] or datetime.datetime.min, x['fname'])
                 and mdl in (y['sections'].keys() | y['trailer'].keys() | y['skip'].keys() | y['skip_nondash'])]
        if later: diag['fallback_to_older_file'] += 1; diag_list.append((hw, host, tag, mdl, [y['file'] for y in later], x['file']))
        if how == 'startup_failed':
            last = x['sections'][mdl][-1]
            if last['retrying']: diag['startup_failed_last_section_says_retrying'] += 1
        results.append(dict(hw=hw, host=host, tag=tag, date=tag_info(tag)['date'], model=mdl, result=r, how=how, file=x['file'], line=ln))
table = []
by = collections.defaultdict(list)
for r in results: by[(r['hw'], r['model'])].append(r)
for (hw, mdl), rs in sorted(by.items()):
    c = collections.Counter(r['result'] for r in rs)
    table.append(dict(hw=hw, model=mdl, results=len(rs), passed=c['PASS'], failed=c['FAIL'], skipped=c['SKIPPED'],
                      hosts=dict(collections.Counter(r['host'] for r in rs)), decided_by=dict(collections.Counter(r['how'] for r in rs)),
                      first=min(r['date'] for r in rs), last=max(r['date'] for r in rs)))
pairs = {hw: len({(r['host'], r['tag']) for r in results if r['hw'] == hw}) for hw in sorted({r['hw'] for r in results})}
pairs_all = {hw: len({(x['host'], x['tag']) for x in files if x['hw'] == hw}) for hw in sorted({x['hw'] for x in files})}
res = dict(table=table, host_tag_pairs_with_result=pairs, host_tag_pairs_all_nonempty_files=pairs_all, nonempty_files=len(files),
           diag=dict(diag), fallbacks=diag_list)
json.dump(dict(res=res, results=results, spot_trials=spot_trials), open(f'{W}/sanity2.json', 'w'), indent=0, default=str)
for t in table: print(t)
print(pairs, pairs_all, len(files), dict(diag))
for x in diag_list: print(x)

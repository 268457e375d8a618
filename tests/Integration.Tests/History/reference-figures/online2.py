"""Rules A-E, G of the brief: online result folders (B), cron invocations (C), night values (D), gates (E), run totals (G).
Writes $FIGURES_WORK/online2.json"""
import os, re, json, collections, datetime
from common import *

from common import WORK
OUT = WORK; os.makedirs(OUT, exist_ok=True)

# ---------- rule A
def norm(s): return re.sub(r'[^a-z0-9]', '', s.lower())
def weights_name(path):
    seg = path.rstrip('/').split('/')[-1]
    for p in ('amd--', 'amd-'):
        if seg.startswith(p): return seg[len(p):]
    return seg

TZ = {'PDT': -7, 'PST': -8, 'UTC': 0, 'GMT': 0}
def parse_time(s):
    """'2025-10-24 10:30:33 PDT' -> UTC datetime (naive). None if unparsable."""
    m = re.match(r'^\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\s+([A-Z]{3,4}))?', s or '')
    if not m: return None
    dt = datetime.datetime.strptime(m.group(1), '%Y-%m-%d %H:%M:%S')
    off = TZ.get(m.group(2) or 'UTC', 0)
    return dt - datetime.timedelta(hours=off)

def norm_lp(x):
    x = x.strip()
    if re.fullmatch(r'\d+\.0+', x): x = x.split('.')[0]
    return x

# ---------- parsers (same line rules throughout)
def parse_timing(p):
    L = read_lines(p)
    d = dict(file=rel(p), host=None, start=None, model_path=None, perf={}, empty=(''.join(L).strip() == ''))
    in_perf = False; cur = None
    for i, line in enumerate(L, 1):
        if line.startswith('Hostname:') and d['host'] is None:
            d['host'] = line.split(':', 1)[1].strip() or None
        elif line.startswith('Script started at:') and d['start'] is None:
            d['start'] = line.split(':', 1)[1].strip()
        elif line.startswith('Model:') and d['model_path'] is None:
            d['model_path'] = line.split(':', 1)[1].strip()
        elif line.startswith('Performance Summary'):
            in_perf = True; cur = None
        elif in_perf:
            m = re.match(r'^(?:Request Rate|Concurrency) (\S+):\s*$', line)
            if m:
                cur = norm_lp(m.group(1)); d['perf'][cur] = {}; continue
            m = re.match(r'^\s+(E2E Latency|TTFT|ITL):\s*(\S+)\s*ms', line)
            if m and cur is not None:
                d['perf'][cur][{'E2E Latency': 'e2e', 'TTFT': 'ttft', 'ITL': 'itl'}[m.group(1)]] = (m.group(2), i)
            if line.startswith('Server Error Check') or line.startswith('OVERALL SCRIPT SUMMARY'):
                in_perf = False
    return d

CL_KEYS = {
    'Successful requests:': 'successful', 'Output token throughput (tok/s):': 'out_tput',
    'Median E2E Latency (ms):': 'e2e', 'Median TTFT (ms):': 'ttft', 'P99 TTFT (ms):': 'p99_ttft',
    'Median ITL (ms):': 'itl', 'Request throughput (req/s):': 'req_tput', 'Total token throughput (tok/s):': 'tot_tput',
}
def parse_client(p):
    L = read_lines(p)
    blocks = []; cur = None; started = None
    for i, line in enumerate(L, 1):
        if line.startswith('Run started at:') and started is None:
            started = line.split(':', 1)[1].strip()
        if 'Serving Benchmark Result' in line:
            cur = {}; blocks.append(cur); continue
        if cur is not None:
            for k, name in CL_KEYS.items():
                if line.startswith(k):
                    cur[name] = (line[len(k):].strip(), i)
            if line.startswith('=================================================='):
                cur = None
    return blocks, started

def parse_csv(p):
    L = read_lines(p)
    sect = None; header = None; rows = []
    for i, line in enumerate(L, 1):
        if line.startswith('Median E2E Latency'): sect = 'e2e'; header = None; continue
        if line.startswith('Median TTFT'): sect = 'ttft'; header = None; continue
        if line.startswith('Median ITL'): sect = 'itl'; header = None; continue
        if sect is None or line.strip() == '': continue
        cells = line.split('\t')
        if header is None:
            header = [norm_lp(c) for c in cells[1:]]; continue
        for lp, v in zip(header, cells[1:] + [''] * (len(header) - len(cells[1:]))):
            rows.append((sect, cells[0], lp, v.strip(), i))
    return rows

def gsm8k_status(p):
    L = read_lines(p); last = None
    for line in L:
        if 'Average accuracy meets threshold' in line or 'Accuracy meets threshold' in line or 'Passed on run' in line: last = 'passed'
        elif 'is below threshold' in line: last = 'below'
    accs = [(m.group(1), m.group(2), i) for i, l in enumerate(L, 1) for m in [re.match(r'^Run (\d+): Accuracy: ([0-9.]+)', l)] if m]
    return last or 'no_result', accs

# ---------- rule B: folders
DIR_RE = re.compile(r'^(' + TAG_RE.pattern + r')_([^_]+)_([^_]+)_(online(?:_[a-z0-9_]+)?)$')
folders = []; odd = []; invs = []; recs = []; notes = collections.Counter(); lateness = []
for top in sorted(os.listdir(f'{ROOT}/online_benchmark_log')):
    for fold in sorted(os.listdir(f'{ROOT}/online_benchmark_log/{top}')):
        for dn in sorted(os.listdir(f'{ROOT}/online_benchmark_log/{top}/{fold}')):
            dp = f'{ROOT}/online_benchmark_log/{top}/{fold}/{dn}'
            m = DIR_RE.match(dn)
            if not m:
                odd.append(dict(path=rel(dp), files=sum(len(fs) for _, _, fs in os.walk(dp)))); continue
            tag, FM, V, mode = m.groups()
            ti = tag_info(tag); hw = ti['hw']; date = ti['date']
            files = sorted(os.listdir(dp))
            F = dict(path=rel(dp), top=top, parent=fold, FM=FM, mode=mode, tag=tag, hw=hw, date=date, invs=[])
            tss = [parse_timing(f'{dp}/{f}') for f in files if f.startswith('timing_summary_')]
            tss = [t for t in tss if not t['empty']]
            for t in tss:
                model = FM
                if t['model_path'] and norm(FM) not in norm(t['model_path']):
                    model = weights_name(t['model_path'])
                inv = dict(id=len(invs), kind='folder', folder=rel(dp), file=t['file'], hw=hw, date=date, tag=tag, mode=mode,
                           host=t['host'] or 'unknown', model=model, start=t['start'], start_utc=parse_time(t['start']))
                invs.append(inv); F['invs'].append(inv['id'])
                for lp, v in t['perf'].items():
                    recs.append(dict(src='c', inv=inv['id'], lp=lp, e2e=v.get('e2e', (None, 0))[0], ttft=v.get('ttft', (None, 0))[0],
                                     itl=v.get('itl', (None, 0))[0], file=t['file'], lines={k: x[1] for k, x in v.items()}))
            # client logs
            cls = []
            for f in files:
                ma = re.match(r'^sglang_client_log_(.+)_aiter_(\d+)_run(\d+)_(\d{8}_\d{6})\.log$', f)
                mb = re.match(r'^sglang_serving_benchmark_concurrency_(\d+)_run(\d+)_(\d{8}_\d{6})\.log$', f)
                if ma: lp, run = ma.group(2), ma.group(3)
                elif mb: lp, run = mb.group(1), mb.group(2)
                else: continue
                blocks, started = parse_client(f'{dp}/{f}')
                cls.append((f, lp, run, blocks, started))
            csvs = [f for f in files if f.endswith('.csv')]
            csvrows = {f: parse_csv(f'{dp}/{f}') for f in csvs}
            if not F['invs'] and cls:
                labels = sorted({r[1] for rows in csvrows.values() for r in rows if r[1].startswith('MI300x-aiter,')})
                host = labels[0].split(',', 1)[1].strip() if labels else 'unknown'
                if len(labels) > 1: notes['synthetic_inv_multi_label'] += 1
                inv = dict(id=len(invs), kind='folder_synthetic', folder=rel(dp), file=None, hw=hw, date=date, tag=tag, mode=mode,
                           host=host, model=FM, start=None, start_utc=None)
                invs.append(inv); F['invs'].append(inv['id']); notes['synthetic_invocations'] += 1
            fin = [invs[i] for i in F['invs']]
            order = sorted(fin, key=lambda v: (v['start_utc'] or datetime.datetime.min, v['file'] or ''))
            latest = order[-1] if order else None
            F['latest_inv'] = latest['id'] if latest else None
            for f, lp, run, blocks, started in cls:
                su = parse_time(started)
                cand = [v for v in order if v['start_utc'] is not None and su is not None and v['start_utc'] <= su]
                inv = cand[-1] if cand else order[0]
                if not cand: notes['client_fallback_earliest'] += 1
                b = blocks[-1] if blocks else {}
                recs.append(dict(src='a', inv=inv['id'], lp=lp, run=run, e2e=b.get('e2e', (None,))[0], ttft=b.get('ttft', (None,))[0],
                                 itl=b.get('itl', (None,))[0], file=rel(f'{dp}/{f}'), n_blocks=len(blocks),
                                 extra={k: list(v) for k, v in b.items()}))
            for f, rows in csvrows.items():
                pts = collections.defaultdict(dict)
                for sect, label, lp, v, ln in rows:
                    pts[(label, lp)][sect] = (v, ln)
                for (label, lp), v in pts.items():
                    if latest is None:
                        notes['csv_rows_without_invocation'] += 1; continue
                    inv = latest
                    if label.startswith('MI300x-aiter,'):
                        h = label.split(',', 1)[1].strip()
                        same = [x for x in order if x['host'] == h]
                        if same: inv = same[-1]
                        else: notes['csv_host_row_no_inv_of_host'] += 1
                    recs.append(dict(src='b', inv=inv['id'], lp=lp, e2e=v.get('e2e', ('',))[0], ttft=v.get('ttft', ('',))[0],
                                     itl=v.get('itl', ('',))[0], file=rel(f'{dp}/{f}'), lines={k: x[1] for k, x in v.items()}, label=label))
            g = [f for f in files if 'gsm8k' in f and f.endswith('.log')]
            if len(g) > 1: notes['multi_gsm8k'] += 1
            F['gate_model'] = latest['model'] if latest else FM
            if g:
                st, accs = gsm8k_status(f'{dp}/{g[0]}')
                F['gate'] = st; F['gsm8k_file'] = rel(f'{dp}/{g[0]}'); F['gsm8k_accs'] = accs
            else:
                F['gate'] = 'missing'
            F['n_client'] = len(cls); F['n_csv'] = len(csvs)
            folders.append(F)

# ---------- rule C: cron invocations
JOBS = {'grok_nightly': ('GROK1', 'online'), 'grok2_nightly': ('GROK2', 'online'),
        'deepseek_nightly_online': (None, 'online'), 'deepseek_dp_attention': (None, 'online_dp_attention'),
        'deepseek_torch_compile': (None, 'online_torch_compile'),
        'deepseek_dp_attention_torch_compile': (None, 'online_dp_attention_torch_compile'),
        'deepseek_r1_mxfp4_mtp': ('DeepSeek-R1-MXFP4-Preview', 'online_mtp_test'),
        'deepseek_r1_mxfp4_dp_test': ('DeepSeek-R1-MXFP4-Preview', 'online_dp_attention'),
        'deepseek_r1_mxfp4_dp_mtp': ('DeepSeek-R1-MXFP4-Preview', 'online_dp_attention_mtp_test')}
JOBS_BY_LEN = sorted(JOBS, key=len, reverse=True)
UPD = re.compile(r'^\[online\] Updating CSV for (rate|concurrency) (\d+): E2E=(\S+?)ms, TTFT=(\S+?)ms, ITL=(\S+?)ms')
FOLDER_IN_LINE = re.compile(r'/online/[^/\s]+/(v[^/\s]+?_online[a-z0-9_]*)(?=[/\s.]|$)')
cron_files = 0; cron_drop = collections.Counter(); cron_info = []
for hwdir in sorted(os.listdir(f'{ROOT}/cron_log')):
    for cdate in sorted(os.listdir(f'{ROOT}/cron_log/{hwdir}')):
        for fn in sorted(os.listdir(f'{ROOT}/cron_log/{hwdir}/{cdate}')):
            job = next((j for j in JOBS_BY_LEN if fn.startswith(j)), None)
            if job is None or '.log' not in fn: continue
            p = f'{ROOT}/cron_log/{hwdir}/{cdate}/{fn}'; cron_files += 1
            L = read_lines(p)
            machine = None; cmd = None
            for line in L:
                if line.startswith('[nightly] Machine:') and machine is None: machine = line.split(':', 1)[1].strip()
                if line.startswith('[nightly] Command:') and cmd is None: cmd = line
            mname = re.search(r'--model-name=(\S+)', cmd).group(1) if cmd and re.search(r'--model-name=(\S+)', cmd) else None
            mpath = re.search(r'--model-path=(\S+)', cmd).group(1) if cmd and re.search(r'--model-path=(\S+)', cmd) else None
            starts = [i for i, l in enumerate(L) if l.startswith('[online] Script started at:')]
            n_upd_total = sum(1 for l in L if UPD.match(l))
            n_upd_in = 0
            for k, s in enumerate(starts):
                end = starts[k + 1] if k + 1 < len(starts) else len(L)
                imgs = [re.match(r'^\[nightly\] Using Docker image: (\S+)', l) for l in L[:s]]
                imgs = [x.group(1) for x in imgs if x]
                seg = L[s:end]
                upds = [(s + j + 1, UPD.match(l)) for j, l in enumerate(seg) if UPD.match(l)]
                n_upd_in += len(upds)
                if not imgs:
                    cron_drop['no_image_invocations'] += 1; cron_drop['no_image_points'] += len(upds); continue
                image = imgs[-1]; itag = image.split(':', 1)[1] if ':' in image else image
                if not TAG_PARTS.match(itag):
                    cron_drop['bad_tag'] += 1; continue
                ti = tag_info(itag)
                cands = []
                for l in seg:
                    for mm in FOLDER_IN_LINE.finditer(l):
                        fm = DIR_RE.match(mm.group(1))
                        if fm and fm.group(1) == itag: cands.append(fm.groups())
                jm, jmode = JOBS[job]
                if cands:
                    best = max(cands, key=lambda c: len(c[3]))
                    mode = best[3]; model = best[1]; how = 'folder'
                else:
                    mode = jmode; how = 'default'
                    if jm is None:
                        cron_drop['deepseek_no_folder_invocations'] += 1; cron_drop['deepseek_no_folder_points'] += len(upds); continue
                    model = jm
                if mname: model = mname; how += '+model-name'
                elif mpath and norm(model) not in norm(mpath): model = weights_name(mpath); how += '+model-path'
                start = L[s].split(':', 1)[1].strip()
                inv = dict(id=len(invs), kind='cron', file=rel(p), job=job, hw=ti['hw'], cron_hw=hwdir, cron_date=cdate, date=ti['date'], tag=itag,
                           mode=mode, host=machine or 'unknown', model=model, start=start, start_utc=parse_time(start), how=how,
                           n_points=len(upds))
                invs.append(inv)
                for ln, mu in upds:
                    recs.append(dict(src='d', inv=inv['id'], lp=mu.group(2), e2e=mu.group(3), ttft=mu.group(4), itl=mu.group(5), file=rel(p), line=ln))
            cron_drop['updating_lines_outside_invocations'] += n_upd_total - n_upd_in

# ---------- rule D
def has_num(r): return isnum(r['e2e']) and isnum(r['ttft']) and isnum(r['itl'])
INV = {v['id']: v for v in invs}
def key_of(r):
    v = INV[r['inv']]; return (v['hw'], v['host'], v['model'], v['mode'], v['date'], r['lp'])
PRI = {'a': 0, 'b': 1, 'c': 2, 'd': 3}
bykey = collections.defaultdict(list)
for r in recs: bykey[key_of(r)].append(r)
night_value = {}     # key -> chosen record (most trusted source that has a number; client: lowest median E2E)
night_value_strict = {}  # key -> (src, has number) where the most trusted source with ANY record decides
for k, rs in bykey.items():
    withnum = [r for r in rs if has_num(r)]
    if withnum:
        best_src = min(PRI[r['src']] for r in withnum)
        c = [r for r in withnum if PRI[r['src']] == best_src]
        night_value[k] = min(c, key=lambda r: float(r['e2e']))
    top = min(PRI[r['src']] for r in rs)
    night_value_strict[k] = any(has_num(r) for r in rs if PRI[r['src']] == top)
pts = collections.defaultdict(set)
for k, rs in bykey.items():
    hw, host, model, mode, date, lp = k
    for r in rs:
        if has_num(r): pts[(r['src'], hw, model, mode, date, host)].add(lp)
    if k in night_value: pts[('U', hw, model, mode, date, host)].add(lp)
    if night_value_strict[k]: pts[('S', hw, model, mode, date, host)].add(lp)
complete = collections.defaultdict(set); complete_hosts = collections.defaultdict(collections.Counter)
for (src, hw, model, mode, date, host), s in pts.items():
    if set(expected_points(hw, model)) <= s:
        complete[(src, hw, model, mode)].add(date)
        if src == 'U': complete_hosts[(hw, model, mode)][host] += 1
keys = {(v['hw'], v['model'], v['mode']) for v in invs} | {k[1:] for k in complete}
gate_keys = {(f['hw'], f['gate_model'], f['mode']) for f in folders}
rows = []
for k in sorted(keys | gate_keys):
    hw, model, mode = k
    fi = [v for v in invs if (v['hw'], v['model'], v['mode']) == k and v['kind'] != 'cron']
    ci = [v for v in invs if (v['hw'], v['model'], v['mode']) == k and v['kind'] == 'cron']
    fs = [f for f in folders if (f['hw'], f['gate_model'], f['mode']) == k]
    row = dict(hw=hw, model=model, mode=mode, folder_invocations=len(fi), cron_invocations=len(ci))
    for src, name in [('a', 'client'), ('b', 'csv'), ('c', 'timing'), ('d', 'cron'), ('U', 'union'), ('S', 'union_strict')]:
        row['complete_' + name] = len(complete[(src,) + k])
        ds = sorted(complete[(src,) + k]); row['first_' + name] = ds[0] if ds else None; row['last_' + name] = ds[-1] if ds else None
    u = sorted(complete[('U',) + k]); row['union_first'] = u[0] if u else None; row['union_last'] = u[-1] if u else None
    row['union_dates'] = u
    row['union_complete_host_nights'] = dict(complete_hosts[k])
    g = collections.Counter(f['gate'] for f in fs)
    row.update(gate_folders=len(fs), gsm8k_passed=g['passed'], gsm8k_below=g['below'], gsm8k_no_result=g['no_result'], gsm8k_missing=g['missing'])
    rows.append(row)

# ---------- rule G
fold_keys = collections.Counter((v['hw'], v['host'], v['model'], v['mode'], v['tag'], v['start']) for v in invs if v['kind'] != 'cron')
cron_dupe = [v for v in invs if v['kind'] == 'cron' and (v['hw'], v['host'], v['model'], v['mode'], v['tag'], v['start']) in fold_keys]
# diagnostic: same key but start within 60s
near = 0
fk = collections.defaultdict(list)
for v in invs:
    if v['kind'] != 'cron' and v['start_utc']: fk[(v['hw'], v['host'], v['model'], v['mode'], v['tag'])].append(v['start_utc'])
for v in invs:
    if v['kind'] == 'cron' and v['start_utc'] and any(abs((t - v['start_utc']).total_seconds()) <= 60 for t in fk[(v['hw'], v['host'], v['model'], v['mode'], v['tag'])]):
        near += 1
runs = dict(folder_invocations=sum(1 for v in invs if v['kind'] != 'cron'),
            folder_invocations_synthetic=sum(1 for v in invs if v['kind'] == 'folder_synthetic'),
            cron_invocations=sum(1 for v in invs if v['kind'] == 'cron'),
            cron_same_as_folder=len(cron_dupe), cron_within_60s_of_folder_same_key=near)
runs['cron_not_same'] = runs['cron_invocations'] - runs['cron_same_as_folder']
runs['total'] = runs['folder_invocations'] + runs['cron_not_same']
runs['cron_not_same_with_points'] = sum(1 for v in invs if v['kind'] == 'cron' and v['n_points'] and v not in cron_dupe)
runs['cron_not_same_by_hw'] = dict(collections.Counter(v['hw'] for v in invs if v['kind'] == 'cron' and v not in cron_dupe))
runs['folder_by_hw'] = dict(collections.Counter(v['hw'] for v in invs if v['kind'] != 'cron'))
runs['cron_by_how'] = dict(collections.Counter(v['how'] for v in invs if v['kind'] == 'cron'))
runs['cron_hw_dir_ne_tag_hw'] = sum(1 for v in invs if v['kind'] == 'cron' and v['cron_hw'] != v['hw'])

def ser(v): return {k: (x.isoformat() if isinstance(x, datetime.datetime) else x) for k, x in v.items()}
src_counts = collections.Counter(r['src'] for r in recs); src_num = collections.Counter(r['src'] for r in recs if has_num(r))
res = dict(table=rows, runs=runs, odd=odd, n_folders=len(folders), notes=dict(notes), cron_drop=dict(cron_drop), cron_files=cron_files,
           record_counts={s: dict(total=src_counts[s], with_number=src_num[s]) for s in 'abcd'},
           folder_model_changed=[dict(path=f['path'], FM=f['FM'], models=sorted({INV[i]['model'] for i in f['invs']})) for f in folders
                                 if any(INV[i]['model'] != f['FM'] for i in f['invs'])])
json.dump(dict(res=res, invs=[ser(v) for v in invs], recs=recs, folders=folders,
               night_value={'|'.join(k): dict(src=r['src'], file=r['file'], e2e=r['e2e']) for k, r in night_value.items()}),
          open(f'{OUT}/online2.json', 'w'), indent=0)
for r in rows:
    print(r['hw'], r['model'], r['mode'], 'inv f/c', r['folder_invocations'], r['cron_invocations'], '| a b c d U S:', r['complete_client'], r['complete_csv'],
          r['complete_timing'], r['complete_cron'], r['complete_union'], r['complete_union_strict'], r['union_first'], r['union_last'], r['union_complete_host_nights'],
          '| gate', r['gate_folders'], r['gsm8k_passed'], r['gsm8k_below'], r['gsm8k_no_result'], r['gsm8k_missing'])
print('runs', runs); print('notes', dict(notes)); print('cron_drop', dict(cron_drop), 'cron files', cron_files)
print('records', res['record_counts']); print('folders', len(folders), 'odd', odd)
print('model changed folders', len(res['folder_model_changed']))
for x in res['folder_model_changed']: print('  ', x)

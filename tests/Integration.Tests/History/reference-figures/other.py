import os, re, json, sqlite3, collections
from common import *
from common import WORK
W = WORK
res = {}
# ---- PD
pd = []; base = f'{ROOT}/test/pd/pd_log'
for hw in sorted(os.listdir(base)):
    for d in sorted(os.listdir(f'{base}/{hw}')):
        p = f'{base}/{hw}/{d}/test_summary.txt'
        if not os.path.exists(p): pd.append(dict(hw=hw, dir=d, summary=False)); continue
        L = read_lines(p); t = {}; acc = None; label = None; ln = None; host = None
        for i, l in enumerate(L, 1):
            m = re.match(r'^- Test ([1-4]) - [^:]+: (\w+)', l)
            if m: t[m.group(1)] = m.group(2)
            m = re.match(r'^- Test 6 - GSM8K Accuracy: (\S+) \[(\w+)\]', l)
            if m: acc, label, ln = m.group(1), m.group(2), i
            if l.startswith('Hostname:'): host = l.split(':', 1)[1].strip()
        num = isnum(acc)
        pd.append(dict(hw=hw, dir=d, summary=True, file=rel(p), host=host, tests=t, setup_failed=(t.get('1') == 'PENDING'),
                       tests_1_4_pass=all(t.get(k) == 'PASS' for k in '1234'), acc=acc, label=label, line=ln, has_num=num,
                       real=num and float(acc) >= 0.001, zero=num and float(acc) < 0.001))
pdsum = {}
for hw in ['mi30x', 'mi35x', 'all']:
    xs = [x for x in pd if x['summary'] and (hw == 'all' or x['hw'] == hw)]
    pdsum[hw] = dict(dirs=len(xs), setup_failed=sum(x['setup_failed'] for x in xs), tests_1_4_all_pass=sum(x['tests_1_4_pass'] for x in xs),
                     gsm8k_number=sum(x['has_num'] for x in xs), real_accuracy=sum(x['real'] for x in xs),
                     zero_accuracy=sum(x['zero'] for x in xs), zero_labelled_PASS=sum(1 for x in xs if x['zero'] and x['label'] == 'PASS'),
                     rerun_dirs=sum(1 for x in xs if '_rerun' in x['dir']))
res['pd'] = dict(summary=pdsum, dirs_without_summary=[x['dir'] for x in pd if not x['summary']],
                 real=[dict(hw=x['hw'], dir=x['dir'], acc=x['acc'], label=x['label'], file=x['file'], line=x['line'], host=x['host']) for x in pd if x.get('real')],
                 zero=[dict(hw=x['hw'], dir=x['dir'], label=x['label']) for x in pd if x.get('zero')])
# ---- Unit tests
base = f'{ROOT}/test/unit-test-backend-8-gpu-CAR-amd'; ut = {}; ut_spots = []
for hw in sorted(os.listdir(base)):
    c = collections.Counter(); ex = collections.Counter(); ran = 0; fs = sorted(os.listdir(base + '/' + hw)); dates = []
    for f in fs:
        L = read_lines(f'{base}/{hw}/{f}'); r = None; e = None
        tag = f[:-4]; dates.append(tag_info(tag)['date'] if TAG_PARTS.match(tag) else None)
        for i, l in enumerate(L, 1):
            m = re.match(r'^Result: (PASSED|FAILED)', l)
            if m: r = m.group(1)
            m = re.match(r'^Exit code: (-?\d+)', l)
            if m: e = m.group(1)
            m = re.match(r'^Ran (\d+) tests? in', l)
            if m: ran += int(m.group(1)); ut_spots.append(dict(file=rel(f'{base}/{hw}/{f}'), line=i, n=m.group(1), hw=hw, tag=tag))
        c[r] += 1; ex[e] += 1
    ut[hw] = dict(files=len(fs), passed=c['PASSED'], failed=c['FAILED'], no_result=c[None], exit_codes=dict(ex), ran_tests_sum=ran,
                  first=min(d for d in dates if d), last=max(d for d in dates if d))
res['unit'] = ut
# ---- Coverage
base = f'{ROOT}/upstream_ci/ci_report'; cov = []
for f in sorted(os.listdir(base)):
    m = re.match(r'sglang_ci_report_(\d{8})\.csv$', f)
    if not m: continue
    L = read_lines(f'{base}/{f}'); total = None; cats = 0; cat_names = []; tl = None
    for i, l in enumerate(L, 1):
        if not l.strip() or l.startswith('#'): continue
        fields = l.split(',')
        if l.startswith('Test Category,'): continue
        if len(fields) == 4:
            cats += 1
            if fields[0] == 'Total': total = fields[1:]; tl = i
    cov.append(dict(date=m.group(1), total_amd=total[0] if total else None, total_nvidia=total[1] if total else None,
                    total_coverage=total[2] if total else None, total_line=tl, category_rows_incl_total_and_summary=cats,
                    category_rows_excl_total=cats - (1 if total else 0)))
res['coverage'] = dict(files=len(cov), other_files=sorted(f for f in os.listdir(base) if not f.endswith('.csv')), rows=cov)
# ---- image checks
cr = json.load(open(f'{W}/cron.json'))
ic = cr['img_checks']
res['image_checks'] = dict(files=len(ic), all_available=sum(x['ok'] for x in ic),
                           by_hw={hw: dict(files=sum(1 for x in ic if x['file'].split('/')[1] == hw), all_available=sum(1 for x in ic if x['file'].split('/')[1] == hw and x['ok'])) for hw in ['mi30x', 'mi35x']},
                           names=dict(collections.Counter(x['file'].split('/')[-1] for x in ic)))
# ---- DB
con = sqlite3.connect(f'file:{ROOT}/database/ci_dashboard.db?mode=ro&immutable=1', uri=True)
tabs = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
db = dict(tables={t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tabs})
db['distinct_run_date_hw_machine'] = con.execute('select count(*) from (select distinct run_date, hardware, machine_name from test_runs)').fetchone()[0]
db['run_date_min'], db['run_date_max'] = con.execute('select min(run_date), max(run_date) from test_runs').fetchone()
db['runs_by_hw_machine'] = {f'{a}/{b}': c for a, b, c in con.execute('select hardware, machine_name, count(*) from test_runs group by 1,2')}
db['run_date_range_by_hw'] = {a: [b, c] for a, b, c in con.execute('select hardware, min(run_date), max(run_date) from test_runs group by 1')}
db['overall_status'] = {a: b for a, b in con.execute('select overall_status, count(*) from test_runs group by 1')}
db['sqlite_sequence'] = {a: b for a, b in con.execute('select name, seq from sqlite_sequence')}
db['bytes'] = os.path.getsize(f'{ROOT}/database/ci_dashboard.db')
# webhook in DB text
hits = 0
for t in tabs:
    cols = [r[1] for r in con.execute(f'pragma table_info("{t}")')]
    for c in cols:
        hits += con.execute(f'select count(*) from "{t}" where cast("{c}" as text) like \'%sig=%\' or cast("{c}" as text) like \'%webhook.office.com%\' or cast("{c}" as text) like \'%powerautomate%\' or cast("{c}" as text) like \'%logic.azure.com%\'').fetchone()[0]
db['cells_with_webhook_patterns'] = hits
res['db'] = db
# ---- webhook scan (never print the secret)
PAT = re.compile(rb'sig=|webhook\.office\.com|powerautomate|logic\.azure\.com')
SIG = re.compile(rb'sig=([^\s"\'&)<]*|<redacted>)')
files_hit = 0; unredacted = []; occ = collections.Counter(); by_top = collections.Counter(); pp_no_sig = 0
for dp, dn, fns in os.walk(ROOT):
    for fn in fns:
        p = os.path.join(dp, fn)
        b = open(p, 'rb').read()
        if PAT.search(b):
            files_hit += 1; by_top[rel(p).split('/')[0]] += 1
            for i, line in enumerate(b.split(b'\n'), 1):
                for m in re.finditer(rb'sig=(\S{0,10})', line):
                    v = m.group(1)
                    if v.startswith(b'<redacted>'): occ['redacted'] += 1
                    else: occ['NOT_redacted'] += 1; unredacted.append(f'{rel(p)}:{i}')
                for m in re.finditer(rb'(webhook\.office\.com|powerautomate|logic\.azure\.com)', line):
                    occ['pattern:' + m.group(1).decode()] += 1
        elif b'powerplatform.com' in b:
            pp_no_sig += 1
res['webhooks'] = dict(files_with_pattern=files_hit, by_top=dict(by_top), occurrences=dict(occ), unredacted_locations=unredacted,
                       files_with_powerplatform_host_but_no_pattern=pp_no_sig)
json.dump(dict(res=res, ut_spots=ut_spots, pd=pd), open(f'{W}/other.json', 'w'), indent=1)
print(json.dumps(res, indent=1)[:6000])

"""Parse cron_log perf job logs -> source (d) records; docker image checks."""
import os, re, json, collections
from common import *
from common import WORK
OUT = WORK; os.makedirs(OUT, exist_ok=True)
JOBS = {  # job -> (model or None for DeepSeek, mode)
    'grok_nightly': ('GROK1', 'online'), 'grok2_nightly_online': ('GROK2', 'online'), 'grok2_nightly': ('GROK2', 'online'),
    'deepseek_nightly_online': (None, 'online'), 'deepseek_dp_attention_torch_compile': (None, 'online_dp_attention_torch_compile'),
    'deepseek_dp_attention': (None, 'online_dp_attention'), 'deepseek_torch_compile': (None, 'online_torch_compile'),
    'deepseek_r1_mxfp4_mtp': (None, 'online_mtp_test'), 'deepseek_r1_mxfp4_dp_test': (None, 'online_dp_attention'),
    'deepseek_r1_mxfp4_dp_mtp': (None, 'online_dp_attention_mtp_test'),
}
JOB_RE = re.compile(r'^(' + '|'.join(sorted(JOBS, key=len, reverse=True)) + r')((?:_rerun\d*|_retry|_retest|_manual(?:_\d+)?)?)\.log((?:\.failed_\d+)?)$')
UPD = re.compile(r'^\[online\] Updating CSV for (rate|concurrency) (\d+): E2E=(\S+?)ms, TTFT=(\S+?)ms, ITL=(\S+?)ms')
recs = []; files = []; unattributed = 0; img_checks = []
for hwdir in sorted(os.listdir(f'{ROOT}/cron_log')):
    for date in sorted(os.listdir(f'{ROOT}/cron_log/{hwdir}')):
        for fn in sorted(os.listdir(f'{ROOT}/cron_log/{hwdir}/{date}')):
            p = f'{ROOT}/cron_log/{hwdir}/{date}/{fn}'
            if fn.startswith('docker_image_check'):
                L = read_lines(p)
                img_checks.append(dict(file=rel(p), ok=any('All expected images are available' in l for l in L)))
                continue
            m = JOB_RE.match(fn)
            if not m: continue
            job, variant, failed = m.group(1), m.group(2), m.group(3)
            jm, mode = JOBS[job]
            L = read_lines(p)
            machine = None; model_name = None; model_path = None; image = None; n_upd = 0; images = []
            for i, line in enumerate(L, 1):
                if line.startswith('[nightly] Machine:') and machine is None:
                    machine = line.split(':', 1)[1].strip()
                if line.startswith('[nightly] Command:'):
                    mm = re.search(r'--model-name[= ](\S+)', line)
                    if mm: model_name = mm.group(1)
                    mm = re.search(r'--model-path[= ](\S+)', line)
                    if mm: model_path = mm.group(1)
                if line.startswith('[nightly] Custom model path provided:') and model_path is None:
                    model_path = line.split(':', 1)[1].strip()
                mm = re.match(r'^\[nightly\] Using Docker image: rocm/sgl-dev:(\S+)', line)
                if mm: image = mm.group(1); images.append(image)
                mu = UPD.match(line)
                if mu:
                    n_upd += 1
                    if image is None: unattributed += 1; continue
                    if jm: model = jm
                    elif model_name: model = model_name
                    elif model_path and 'MXFP4' in model_path: model = 'DeepSeek-R1-MXFP4-Preview'
                    elif model_path and 'DeepSeek-V3-0324' in model_path: model = 'DeepSeek-V3-0324'
                    else: model = 'UNKNOWN'
                    ti = tag_info(image)
                    recs.append(dict(src='d', hw=ti['hw'], model=model, mode=mode, date=ti['date'], tag=image,
                                     host=machine or 'unknown', lp=mu.group(2), e2e=mu.group(3), ttft=mu.group(4), itl=mu.group(5),
                                     file=rel(p), line=i, job=job, variant=variant + failed, cron_hw=hwdir, cron_date=date))
            files.append(dict(file=rel(p), job=job, variant=variant + failed, machine=machine, model_name=model_name,
                              model_path=model_path, images=images, n_upd=n_upd))
json.dump(dict(recs=recs, files=files, unattributed=unattributed, img_checks=img_checks), open(f'{OUT}/cron.json', 'w'), indent=0)
print(len(files), 'job files', len(recs), 'recs', 'unattributed', unattributed)
print(collections.Counter((r['hw'], r['model'], r['mode'], r['cron_hw']) for r in recs))
print('files with upd by variant:', collections.Counter(f['variant'] for f in files if f['n_upd']))
print('machines:', collections.Counter(r['host'] for r in recs))
print('img checks', len(img_checks), sum(x['ok'] for x in img_checks))

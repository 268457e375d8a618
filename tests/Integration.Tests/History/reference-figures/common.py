import os, re
ROOT = os.environ.get('SEED_HISTORY', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', '..', 'shared', 'seed-history'))
WORK = os.environ.get('FIGURES_WORK', '/tmp/sglci-figures')
TAG_RE = re.compile(r'v\d+\.\d+\.\d+(?:\.post\d+|rc\d+)*-rocm\d+-[a-z0-9]+-\d{8}')
TAG_PARTS = re.compile(r'^(v\d+\.\d+\.\d+(?:\.post\d+|rc\d+)*)-rocm(\d+)-([a-z0-9]+)-(\d{8})$')
NUM = r'(-?\d+(?:\.\d+)?)'
def tag_info(tag):
    m = TAG_PARTS.match(tag)
    return dict(ver=m.group(1), rocm=m.group(2), hw=m.group(3), date=m.group(4))
def rel(p):
    return os.path.relpath(p, ROOT)
def read_lines(p):
    with open(p, 'r', encoding='utf-8', errors='replace') as f:
        return f.read().split('\n')
MODES = ['online', 'online_dp_attention', 'online_torch_compile', 'online_dp_attention_torch_compile',
         'online_mtp_test', 'online_dp_attention_mtp_test']
EXPECTED = {
    ('mi30x', 'grok'): ['1', '2', '4', '8', '16'],
    ('mi35x', 'grok'): ['1', '2', '4', '8'],
    'deepseek': ['128', '64', '16', '4', '1'],
}
def expected_points(hw, model):
    if model.startswith('GROK'):
        return EXPECTED[(hw, 'grok')]
    return EXPECTED['deepseek']
def isnum(s):
    return s is not None and re.fullmatch(r'-?\d+(?:\.\d+)?', s) is not None

// The run page's log view: follows the end of the log unless the reader scrolled up, and tells the component when
// that changes (so it can show "following" or "paused").
const slack = 24;

function atEnd(el) {
    return el.scrollHeight - el.scrollTop - el.clientHeight <= slack;
}

export function attach(el, component) {
    if (!el || el._runLog) {
        return;
    }

    el._runLog = { following: true, component, programmatic: false };
    el.addEventListener('scroll', () => {
        const state = el._runLog;
        if (state.programmatic) {
            state.programmatic = false;
            return;
        }

        const following = atEnd(el);
        if (following !== state.following) {
            state.following = following;
            state.component.invokeMethodAsync('OnFollowingChanged', following).catch(() => { });
        }
    }, { passive: true });
}

export function scrollToEnd(el) {
    if (!el) {
        return;
    }

    if (el._runLog) {
        el._runLog.following = true;
        el._runLog.programmatic = el.scrollHeight - el.clientHeight > el.scrollTop;
    }

    el.scrollTop = el.scrollHeight;
}

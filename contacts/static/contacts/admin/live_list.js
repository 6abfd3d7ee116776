/* The call-back list stays live: every 15 seconds it asks the server whether requests
   arrived (or someone asked again) since the page loaded, counts them in the tab's
   title, and brings the list up to date in place. When rows are selected for an
   action, the list is left alone and a notice offers to show the new ones instead.
   A sound and a desktop notification are the worker's choice, remembered in this
   browser. No personal data travels: the server answers with numbers only. */
'use strict';
{
    const POLL_MS = 15000;
    const live = document.getElementById('live-list');
    if (live) {
        const baseTitle = document.title;
        const notice = document.getElementById('live-list-notice');
        const state = document.getElementById('live-list-state');
        const stored = (key) => {
            try { return window.localStorage.getItem(key) === 'on'; } catch (e) { return false; }
        };
        const store = (key, on) => {
            try { window.localStorage.setItem(key, on ? 'on' : 'off'); } catch (e) { /* private mode */ }
        };
        let newest = live.dataset.newest;
        let unseen = 0;

        const showCount = () => {
            document.title = unseen ? `(${unseen}) ${baseTitle}` : baseTitle;
        };

        const selectedRows = () => document.querySelectorAll('#result_list input.action-select:checked').length;

        const refreshList = async () => {
            const response = await fetch(window.location.href, {credentials: 'same-origin'});
            if (!response.ok) {
                return false;
            }
            const page = new DOMParser().parseFromString(await response.text(), 'text/html');
            const fresh = page.getElementById('result_list');
            const current = document.getElementById('result_list');
            if (!fresh || !current) {
                return false;
            }
            current.replaceWith(document.importNode(fresh, true));
            for (const selector of ['.paginator', '#changelist-form .actions .action-counter']) {
                const before = document.querySelector(selector);
                const after = page.querySelector(selector);
                if (before && after) {
                    before.replaceWith(document.importNode(after, true));
                }
            }
            const boxes = document.querySelectorAll('tr input.action-select');
            if (window.Actions && boxes.length) {
                window.Actions(boxes);  // Django's own selection handling, for the new rows
            }
            notice.hidden = true;
            return true;
        };

        const announce = (count) => {
            const words = count === 1 ? '1 new call-back request' : `${count} new call-back requests`;
            if (stored('callbacks.live.sound')) {
                beep();
            }
            if (stored('callbacks.live.notify') && 'Notification' in window &&
                Notification.permission === 'granted') {
                new Notification(words, {tag: 'callback-requests'});
            }
            return words;
        };

        const clock = () => new Date().toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});

        const poll = async () => {
            let response;
            try {
                const url = new URL(live.dataset.pollUrl, window.location.href);
                url.searchParams.set('after', newest);
                response = await fetch(url, {
                    credentials: 'same-origin',
                    headers: {Accept: 'application/json'},
                });
            } catch (error) {
                state.textContent = `Could not reach the site at ${clock()}: trying again.`;
                return;  // the network: the next poll may get through
            }
            if (response.status >= 500) {
                state.textContent = `The site did not answer at ${clock()}: trying again.`;
                return;
            }
            const type = response.headers.get('Content-Type') || '';
            if (!response.ok || !type.startsWith('application/json')) {
                // Signed out (the sign-in page came back) or no longer allowed: stop.
                state.textContent = 'Live updates stopped: reload the page (you may need to sign in again).';
                return false;
            }
            const data = await response.json();
            state.textContent = `Live: checked at ${clock()}`;
            newest = String(data.newest);
            if (!data.arrived) {
                return;
            }
            unseen += data.arrived;
            showCount();
            const words = announce(data.arrived);
            if (selectedRows()) {
                notice.hidden = false;
                notice.querySelector('span').textContent = `${unseen === 1 ? '1 new call-back request' : unseen + ' new call-back requests'}.`;
            } else {
                try {
                    await refreshList();
                } catch (error) {
                    notice.hidden = false;  // the rows could not be fetched: offer them instead
                }
            }
            state.textContent += ` · ${words}`;
            return true;
        };

        // A short tone from the Web Audio API: no sound file to fetch.
        let audio = null;
        const beep = () => {
            try {
                audio = audio || new (window.AudioContext || window.webkitAudioContext)();
                const tone = audio.createOscillator();
                const gain = audio.createGain();
                tone.frequency.value = 880;
                gain.gain.setValueAtTime(0.2, audio.currentTime);
                gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
                tone.connect(gain).connect(audio.destination);
                tone.start();
                tone.stop(audio.currentTime + 0.4);
            } catch (e) { /* no audio here */ }
        };

        // The count stays in the title until the worker is back: the tab shown again,
        // the window focused, or a click or key press on the page.
        const seen = () => {
            if (document.visibilityState === 'visible' && notice.hidden && unseen) {
                unseen = 0;
                showCount();
            }
        };
        document.addEventListener('visibilitychange', seen);
        window.addEventListener('focus', seen);
        document.addEventListener('pointerdown', seen);
        document.addEventListener('keydown', seen);

        notice.querySelector('button').addEventListener('click', async () => {
            try {
                if (await refreshList()) {
                    seen();
                }
            } catch (error) {
                state.textContent = `Could not reach the site at ${clock()}: try again.`;
            }
        });

        for (const box of live.querySelectorAll('input[data-setting]')) {
            const key = box.dataset.setting;
            box.checked = stored(key);
            box.addEventListener('change', async () => {
                if (box.checked && key === 'callbacks.live.notify' && 'Notification' in window &&
                    Notification.permission !== 'granted') {
                    box.checked = (await Notification.requestPermission()) === 'granted';
                }
                if (box.checked && key === 'callbacks.live.sound') {
                    beep();  // the click lets the browser play sound later, and shows what it is
                }
                store(key, box.checked);
            });
        }

        // One poll at a time: the next is set when this one has finished.
        const every = Number(live.dataset.pollMs) || POLL_MS;
        const schedule = () => {
            window.setTimeout(async () => {
                if ((await poll()) !== false) {
                    schedule();
                }
            }, every);
        };
        live.hidden = false;
        schedule();
    }
}

/* The image chooser (media_library/widgets.py), both sides of the library's lookup
   window. In the window: clicking an image notes its thumbnail and description on the
   opener before Django's RelatedObjectLookups.js fills in the number. On the form:
   the preview follows the number; "Remove" empties it. */
'use strict';
{
    document.addEventListener('click', function(event) {
        const link = event.target.closest('a[data-popup-opener]');
        if (!link || !window.opener || !document.body.classList.contains('model-mediaimage')) {
            return;
        }
        const row = link.closest('tr');
        const img = row && row.querySelector('.field-thumbnail img');
        const description = row && row.querySelector('.field-description');
        try {
            window.opener.mediaLibraryChoice = {
                id: String(link.dataset.popupOpener),
                src: img ? img.getAttribute('src') : '',
                label: description ? description.textContent.trim() : ''
            };
        } catch (error) {
            // Another origin: the number alone is filled in.
        }
    }, true);

    function show(chooser, choice) {
        const preview = chooser.querySelector('[data-chooser-preview]');
        const label = chooser.querySelector('[data-chooser-label]');
        const clear = chooser.querySelector('[data-chooser-clear]');
        preview.hidden = !choice || !choice.src;
        if (choice && choice.src) {
            preview.src = choice.src;
        }
        label.textContent = choice ? (choice.label || 'Image ' + choice.id) : 'No image chosen.';
        clear.hidden = !choice;
    }

    function ready() {
        document.querySelectorAll('[data-image-chooser]').forEach(function(chooser) {
            const input = chooser.querySelector('input');
            const changed = function() {
                const choice = window.mediaLibraryChoice;
                if (!input.value) {
                    show(chooser, null);
                } else if (choice && choice.id === input.value) {
                    show(chooser, choice);
                } else {
                    show(chooser, {id: input.value, src: '', label: 'Image ' + input.value + ' (shown after saving)'});
                }
            };
            input.addEventListener('change', changed);
            // RelatedObjectLookups.js triggers the change with jQuery.
            if (window.django && window.django.jQuery) {
                window.django.jQuery(input).on('change', changed);
            }
            chooser.querySelector('[data-chooser-clear]').addEventListener('click', function() {
                input.value = '';
                show(chooser, null);
            });
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', ready);
    } else {
        ready();
    }
}

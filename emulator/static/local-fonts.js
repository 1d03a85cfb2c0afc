/* global window */
/*
 * The emulator only: Coral Spectrum fetches its Adobe Clean font from an outside host (Typekit)
 * unless window.Typekit exists. A local emulator contacts no outside host, so a stand-in that
 * reports the fonts "active" is loaded before Coral; pages fall back to the system sans-serif.
 * On AEM, AEM's own Coral loads the font as it always does.
 */
window.Typekit = window.Typekit || {
  load: function (config) {
    if (config && typeof config.active === 'function') config.active();
  },
};

/**
 * Granite.I18n becomes the translator of core's `t` before any other module of the page runs
 * (main.ts imports this first), so texts built while modules load are translated too.
 */
import { installTranslator } from '../../../core/i18n';

if (typeof window !== 'undefined' && window.Granite?.I18n) installTranslator(window.Granite.I18n);

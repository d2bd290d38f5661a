import qboSelectors from '../../extension/lib/selectors/qbo-selectors.json';

/**
 * The selector list the extension uses to find QBO's Save/Delete/Void controls and shortcuts.
 * It is one file, bundled into the extension as its fallback and served from here, so a QBO
 * redesign is fixed by editing that file and deploying the Worker, without an extension release.
 */
export function currentSelectors() {
  return qboSelectors;
}

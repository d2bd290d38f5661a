/** Scoped to the overlay's shadow root, so QBO's CSS and ours never meet. */
export const OVERLAY_CSS = `
:host { all: initial; }
.panel { position: fixed; right: 24px; top: 64px; z-index: 2147483646; width: 340px; max-height: 45vh; overflow: auto;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff;
  border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 10px 12px; }
.panel[data-tone="synced"] { border-left-color: #1a7f37; }
.panel[data-tone="pending"] { border-left-color: #9a6700; }
.panel[data-tone="failed"] { border-left-color: #cf222e; }
.panel[data-tone="held"] { border-left-color: #bc4c00; }
.panel[data-tone="drift"] { border-left-color: #8250df; }
.panel[data-tone="new"] { border-left-color: #bc4c00; background: #fff8f0; }
.panel[data-tone="quiet"] { width: auto; max-width: 340px; opacity: .85; padding: 4px 10px; font-size: 12px; }
.head { display: flex; align-items: center; gap: 8px; }
.brand { font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: #57606a; }
.title { font-weight: 600; font-size: 14px; margin: 2px 0 4px; }
.line { margin: 2px 0; }
.panel.collapsed { width: auto; padding: 4px 10px; }
.collapse { margin-left: auto; border: 0; background: none; cursor: pointer; color: #57606a; font-size: 16px; line-height: 1; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 12px; }
th, td { text-align: left; padding: 3px 4px; border-bottom: 1px solid #eaeef2; vertical-align: top; word-break: break-word; }
th { color: #57606a; font-weight: 600; }
a.open { display: inline-block; margin-top: 6px; color: #fff; background: #0969da; padding: 4px 10px; border-radius: 6px; text-decoration: none; font-weight: 600; }
.warning { margin-top: 8px; padding: 6px 8px; background: #fff1e5; border: 1px solid #ffb77c; border-radius: 6px; color: #7a3300; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(15,20,25,.45); display: flex; align-items: center; justify-content: center;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
.dialog { background: #fff; border-radius: 10px; width: min(480px, 92vw); padding: 18px 20px; box-shadow: 0 12px 40px rgba(0,0,0,.3); }
.dialog h2 { font-size: 17px; margin: 0 0 8px; }
.dialog p { margin: 6px 0; }
.buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 14px; flex-wrap: wrap; }
.buttons button { font: inherit; padding: 6px 14px; border-radius: 6px; cursor: pointer; border: 1px solid #d0d7de; background: #f6f8fa; }
.buttons button.primary { background: #0969da; border-color: #0969da; color: #fff; font-weight: 600; }
.buttons button:focus-visible { outline: 3px solid #54aeff; outline-offset: 2px; }
.error { color: #cf222e; }
`

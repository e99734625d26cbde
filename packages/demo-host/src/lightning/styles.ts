/** A few SLDS-looking rules for the emulated Lightning chrome (the widget brings its own styles). */
export const LIGHTNING_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:13px;color:#181818;background:#b0c4df linear-gradient(#1b5f9e 0,#b0c4df 220px) no-repeat}
a{color:#0b5cab;text-decoration:none}a:hover{text-decoration:underline}
.global-header{display:flex;align-items:center;gap:16px;height:48px;padding:0 16px;background:#fff;border-bottom:1px solid #e5e5e5}
.logo{font-weight:700;color:#0176d3;font-size:16px}.search{flex:1;max-width:480px;padding:6px 10px;border:1px solid #c9c9c9;border-radius:4px;color:#747474}
.switcher{margin-left:auto;display:flex;align-items:center;gap:8px}.switcher select{padding:5px 8px;border:1px solid #c9c9c9;border-radius:4px;font:inherit}
.badge-env{background:#fe9339;color:#fff;border-radius:12px;padding:2px 8px;font-size:11px}
.nav{display:flex;gap:0;background:#fff;border-bottom:3px solid #0176d3;padding:0 16px}
.nav .app{font-weight:600;font-size:16px;padding:10px 16px 10px 0;margin-right:8px;border-right:1px solid #e5e5e5}
.nav a{padding:12px 14px;color:#181818;border-bottom:3px solid transparent;margin-bottom:-3px}.nav a.active{border-bottom-color:#0176d3;font-weight:600}
main{padding:12px;display:grid;gap:12px}.two-col{grid-template-columns:minmax(0,2fr) minmax(320px,3fr)}
@media (max-width:900px){.two-col{grid-template-columns:1fr}}
.card{background:#fff;border:1px solid #c9c9c9;border-radius:4px;box-shadow:0 2px 2px rgba(0,0,0,.1)}
.card-header{display:flex;align-items:center;gap:8px;padding:12px 16px;border-bottom:1px solid #e5e5e5}.card-header h2{font-size:14px;font-weight:700;margin:0}
.card-body{padding:12px 16px}
.page-header{background:#f3f3f3;border:1px solid #c9c9c9;border-radius:4px;padding:12px 16px;display:flex;align-items:center;gap:12px;box-shadow:0 2px 2px rgba(0,0,0,.1)}
.page-header h1{margin:0;font-size:18px}.page-header .eyebrow{font-size:12px;color:#444}
.icon{width:32px;height:32px;border-radius:4px;background:#fcb95b;display:grid;place-items:center;color:#fff;font-weight:700}
.icon.attain{background:#3ba755}
.actions{margin-left:auto;display:flex;gap:8px}
.btn{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid #c9c9c9;background:#fff;color:#0176d3;cursor:pointer}
.btn-brand{background:#0176d3;border-color:#0176d3;color:#fff}.btn:disabled{opacity:.5;cursor:default}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px;border-bottom:1px solid #e5e5e5}th{background:#f3f3f3;font-weight:600;font-size:12px;color:#444}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl.fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 24px;margin:0}dl.fields div{border-bottom:1px solid #e5e5e5;padding:6px 0}
dt{font-size:12px;color:#444}dd{margin:0;min-height:18px}
.slds-text-color_weak{color:#747474;padding:12px}.slds-notify{padding:12px;border-radius:4px;background:#ba0517;color:#fff}
.toast{position:fixed;top:60px;left:50%;transform:translateX(-50%);padding:12px 20px;border-radius:4px;color:#fff;box-shadow:0 2px 6px rgba(0,0,0,.3);z-index:10}
.toast-success{background:#2e844a}.toast-error{background:#ba0517}
.hint{color:#444;margin:0}
`;

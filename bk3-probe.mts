import { backupStore } from './electron/services/store-backup';
const t = Date.now();
setTimeout(() => { console.log('still waiting'); process.exit(1); }, 5000).unref();
const r = await backupStore('/tmp/demo-probe', '/tmp/demo-probe-backup.zip');
console.log(Date.now() - t, r);

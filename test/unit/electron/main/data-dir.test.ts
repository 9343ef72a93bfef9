import { describe, expect, it } from 'vitest';
import { chromiumProfileDir, exchangeFileArguments, resolveDataDir } from '../../../../electron/main/data-dir';

describe('where the store lives', () => {
  const fallback = '/home/ana/.config/TrustBridge';

  it('uses the OS application-data folder by default', () => {
    expect(resolveDataDir(['electron', '.'], {}, fallback, '/work')).toBe(fallback);
  });

  it('takes --data-dir <path> and --data-dir=<path>, relative to the working folder', () => {
    expect(resolveDataDir(['electron', '.', '--data-dir', '/media/usb/tb'], {}, fallback, '/work')).toBe('/media/usb/tb');
    expect(resolveDataDir(['electron', '.', '--data-dir=portable'], {}, fallback, '/work')).toBe('/work/portable');
  });

  it('takes the environment variable when there is no argument, and the argument wins over it', () => {
    expect(resolveDataDir(['electron'], { TRUSTBRIDGE_DATA_DIR: '/srv/tb' }, fallback, '/')).toBe('/srv/tb');
    expect(resolveDataDir(['electron', '--data-dir', '/a'], { TRUSTBRIDGE_DATA_DIR: '/srv/tb' }, fallback, '/')).toBe('/a');
  });

  it('ignores a --data-dir without a value', () => {
    expect(resolveDataDir(['electron', '--data-dir', '--inspect'], {}, fallback, '/')).toBe(fallback);
  });

  it('finds .trustbridge files passed by the OS (double-click, Open with)', () => {
    expect(exchangeFileArguments(['/opt/TrustBridge/trustbridge', '--data-dir', '/x', '/home/ana/Downloads/uni-porto.TrustBridge'], '/')).toEqual([
      '/home/ana/Downloads/uni-porto.TrustBridge',
    ]);
  });

  it('reads a relative file on the command line from the folder the command ran in', () => {
    expect(exchangeFileArguments(['trustbridge', 'inbox/porto.trustbridge'], '/home/ana')).toEqual(['/home/ana/inbox/porto.trustbridge']);
  });

  it('keeps Chromium’s profile outside the data folder, one profile per data folder', () => {
    const appData = '/home/ana/.config';
    const stick = chromiumProfileDir(appData, '/media/usb/tb', 'linux');
    expect(stick.startsWith('/home/ana/.config/TrustBridge Chromium profiles/')).toBe(true);
    expect(stick.startsWith('/media/usb/tb')).toBe(false);
    // Not inside the default data folder either, whose whole content a backup archives.
    expect(stick.startsWith(fallback + '/')).toBe(false);
    expect(chromiumProfileDir(appData, '/media/usb/tb', 'linux')).toBe(stick);
    expect(chromiumProfileDir(appData, '/media/usb/other', 'linux')).not.toBe(stick);
    // Where file names ignore case, one folder is one profile however it is spelt.
    expect(chromiumProfileDir('C:\\AppData', 'E:\\TB', 'win32')).toBe(chromiumProfileDir('C:\\AppData', 'e:\\tb', 'win32'));
  });
});

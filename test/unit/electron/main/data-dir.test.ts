import { describe, expect, it } from 'vitest';
import { exchangeFileArguments, resolveDataDir } from '../../../../electron/main/data-dir';

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
    expect(exchangeFileArguments(['/opt/TrustBridge/trustbridge', '--data-dir', '/x', '/home/ana/Downloads/uni-porto.TrustBridge'])).toEqual([
      '/home/ana/Downloads/uni-porto.TrustBridge',
    ]);
  });
});

/**
 * Keyboard-only driving: move focus with Tab (or Shift+Tab) until the focused element has the
 * wanted accessible name, as a keyboard user would; inside a grid, with the arrow keys. No clicks,
 * no programmatic focus.
 */
import type { Page } from 'playwright-core';

/** The focused element's accessible name, as far as a test needs it: label, aria-label(ledby), text. */
export async function focusedName(page: Page): Promise<string> {
  return (await focusState(page)).name;
}

/** The focused element's role: its role attribute, else its tag name (a, button, input …). */
export async function focusedRole(page: Page): Promise<string> {
  return (await focusState(page)).role;
}

/** What a keyboard walk reads of the focus after each key press (see readFocus). */
interface FocusState {
  path: string;
  role: string;
  name: string;
  grid: string;
}

/**
 * Where focus is (a path of child indexes from the document), its role, its name, and the path of
 * the grid (a DataTable) that holds it ('' when none), read in one round trip to the page: a
 * keyboard walk reads them after every key press. With `inGrid`, instead, the role and name of
 * every element of the grid that holds focus: what a walk through that grid could reach.
 */
function readFocus(page: Page, inGrid: true): Promise<Array<Pick<FocusState, 'role' | 'name'>>>;
function readFocus(page: Page, inGrid: false): Promise<FocusState>;
function readFocus(page: Page, inGrid: boolean) {
  return page.evaluate((inGrid) => {
    const focused = document.activeElement as HTMLElement | null;
    const pathOf = (start: Element | null) => {
      const steps: number[] = [];
      for (let node = start; node && node.parentElement; node = node.parentElement) {
        steps.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
      }
      return steps.join('/');
    };
    const nameOf = (element: Element | null): string => {
      if (!element || element === document.body) return '';
      const byIds = (ids: string | null) =>
        (ids ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim();
      const labelledBy = byIds(element.getAttribute('aria-labelledby'));
      if (labelledBy) return labelledBy.replace(/\s+/g, ' ');
      const ariaLabel = element.getAttribute('aria-label');
      if (ariaLabel) return ariaLabel;
      const labels = (element as HTMLInputElement).labels;
      if (labels && labels.length) return (labels[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    };
    const roleOf = (element: Element | null) => element?.getAttribute('role') ?? element?.tagName.toLowerCase() ?? '';
    const grid = focused?.closest('[role="grid"]') ?? null;
    if (inGrid) return grid ? [grid, ...grid.querySelectorAll('*')].map((element) => ({ role: roleOf(element), name: nameOf(element) })) : [];
    return { path: pathOf(focused), role: roleOf(focused), name: nameOf(focused), grid: grid ? pathOf(grid) : '' };
  }, inGrid);
}

function focusState(page: Page): Promise<FocusState> {
  return readFocus(page, false);
}

/**
 * A grid (React Aria's table, renderer/components/DataTable.tsx) is one Tab stop: inside it a
 * keyboard user moves with the arrow keys. This walks it as they would: to the row, up to the
 * column headers, down into the first row, then along each row (its cells and the buttons in
 * them, back to the row with Right) and down to the next, until the wanted control is focused.
 * A grid with nothing of the wanted role and name in it is passed over at once, as a person who
 * sees the control is not there tabs on: every key press in a grid draws all its cells again, and
 * a walk through a long table that cannot find the control cost seconds.
 */
async function searchGrid(page: Page, found: (state: Pick<FocusState, 'role' | 'name'>) => boolean, seen: string[]): Promise<boolean> {
  const reachable = await readFocus(page, true);
  if (!reachable.some(found)) {
    seen.push(`(a grid of ${reachable.length} elements, none of them the one wanted)`);
    return false;
  }
  let state = await focusState(page);
  const press = async (key: string): Promise<boolean> => {
    const before = state.path;
    await page.keyboard.press(key);
    state = await focusState(page);
    return state.path !== before;
  };
  for (let i = 0; i < 60 && state.role !== 'row'; i += 1) if (!(await press('ArrowRight'))) break;
  for (let i = 0; i < 1000; i += 1) if (!(await press('ArrowUp'))) break;
  if (!(await press('ArrowDown'))) return false;
  for (let row = 0; row < 1000; row += 1) {
    const start = state.path;
    for (let step = 0; step < 60; step += 1) {
      if (found(state)) return true;
      seen.push(state.name);
      if (!(await press('ArrowRight')) || state.path === start) break;
      if (state.role === 'row') {
        if (found(state)) return true;
        break;
      }
    }
    // Down from a row reaches the next row: Right then goes on into its first cell.
    if (!(await press('ArrowDown'))) return false;
  }
  return false;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element has the wanted name. A screen that is still
 * loading may not have the control yet: as a person waits and tabs round again, a walk that has not
 * found it after `maxTabs` presses pauses and starts another round, until `patienceMs` have passed
 * since the first press. The error then lists what the last round went through.
 */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  options: { maxTabs?: number; backwards?: boolean; role?: string; patienceMs?: number } = {},
): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text.startsWith(name) : name.test(text));
  const found = (state: { name: string; role: string }) => matches(state.name) && (!options.role || state.role === options.role);
  const deadline = Date.now() + (options.patienceMs ?? 15_000);
  let seen: string[] = [];
  for (let round = 0; round === 0 || Date.now() < deadline; round += 1) {
    if (round > 0) await page.waitForTimeout(250);
    seen = [];
    const searched = new Set<string>();
    for (let i = 0; i < (options.maxTabs ?? 60); i += 1) {
      const current = await focusState(page);
      if (found(current)) return;
      seen.push(current.name);
      const grid = current.grid;
      if (grid && !searched.has(grid)) {
        searched.add(grid);
        if (await searchGrid(page, found, seen)) return;
      }
      await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    }
  }
  throw new Error(`Could not reach "${String(name)}" with the keyboard. Focus went through: ${seen.join(' | ')}`);
}

/** Tabs to a text field and types into it, replacing what was there. */
export async function typeInto(page: Page, name: string | RegExp, text: string): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

/** Tabs to a searchable picker (combo box), types, and picks the first match with the keyboard. */
export async function pickFromComboBox(page: Page, name: string | RegExp, search: string): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.type(search);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** Tabs to a select, opens it, and moves to the option with the given label. */
export async function chooseInSelect(page: Page, name: string | RegExp, option: string): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.press('Enter');
  await page.getByRole('listbox').waitFor();
  await page.keyboard.press('Home');
  const seen: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === option) {
      await page.keyboard.press('Enter');
      return;
    }
    if (seen.includes(focused)) break;
    seen.push(focused);
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`The select has no option "${option}"; it has: ${seen.join(' | ')}`);
}

/** Presses the focused-by-Tab button with Enter. */
export async function pressButton(page: Page, name: string | RegExp): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.press('Enter');
}

/** Tabs into a radio group, then moves with the arrow keys to the wanted option (selection follows focus). */
export async function chooseRadio(page: Page, anyOption: RegExp, option: string): Promise<void> {
  await tabTo(page, anyOption);
  for (let i = 0; i < 12; i += 1) {
    if ((await focusedName(page)) === option) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`Option "${option}" not found in the radio group`);
}

/** Tabs into a tab list (only its selected tab is in the tab order), then arrows to the wanted tab. */
export async function selectTab(page: Page, name: string): Promise<void> {
  await tabTo(page, /.*/, { role: 'tab' });
  for (let i = 0; i < 12; i += 1) {
    if ((await focusedName(page)) === name) {
      await page.keyboard.press('Enter');
      // Tabs may switch in a transition: wait until this one is selected.
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-selected') === 'true');
      return;
    }
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`No tab named "${name}"`);
}

/** Tabs into a list box (one tab stop), types the start of an item to move to it, and selects it with Enter. */
export async function chooseInListBox(page: Page, item: string): Promise<void> {
  await tabTo(page, /.*/, { role: 'option' });
  await page.keyboard.type(item, { delay: 20 });
  const name = await focusedName(page);
  if (!name.startsWith(item)) throw new Error(`Typing "${item}" in the list box reached "${name}"`);
  await page.keyboard.press('Enter');
}

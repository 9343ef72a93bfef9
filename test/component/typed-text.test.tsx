/**
 * Text typed into a long field (renderer/components/TextInput.tsx `TypedTextInput`, on
 * renderer/lib/use-typed-text.ts) and the save indicator (renderer/features/assessments/
 * save-status.ts): a key press draws the field again, not the screen that holds it; the screen
 * hears every change at once for saving, and gets the text itself once typing pauses, when the
 * field loses focus, or when the field goes away. Nothing typed is dropped on the way.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { SaveState } from '../../renderer/components/SaveState';
import { TypedTextInput } from '../../renderer/components/TextInput';
import { SaveStatusStore, WithSaveStatus } from '../../renderer/features/assessments/save-status';
import { renderInApp } from './render';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A screen holding one answer's justification, counting how often it is drawn. */
function Screen({ typed, settled, draws, start = '' }: { typed: string[]; settled: string[]; draws: { count: number }; start?: string }) {
  const [justification, setJustification] = useState(start);
  const [shown, setShown] = useState(true);
  draws.count += 1;
  // As the assessment screen's Alt+↓: another criterion, with focus still in the field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.altKey && event.key === 'ArrowDown' && setShown(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      {shown && (
        <TypedTextInput
          label="Justification"
          value={justification}
          onType={(text) => typed.push(text)}
          onSettle={(text) => {
            settled.push(text);
            setJustification(text);
          }}
          multiline
        />
      )}
      <p data-testid="screen-copy">{justification}</p>
    </>
  );
}

describe('TypedTextInput', () => {
  it('hears every key at once but draws the screen again only once typing pauses', async () => {
    const typed: string[] = [];
    const settled: string[] = [];
    const draws = { count: 0 };
    await renderInApp(<Screen typed={typed} settled={settled} draws={draws} start="Adopted" />);
    const user = userEvent.setup();
    const field = screen.getByRole('textbox', { name: /Justification/ });
    await user.click(field);
    const drawnBefore = draws.count;
    await user.type(field, ' in 2024');
    // Each change was heard (for the save), in order; the screen was not drawn for any of them.
    expect(typed).toEqual([' ', ' i', ' in', ' in ', ' in 2', ' in 20', ' in 202', ' in 2024'].map((end) => `Adopted${end}`));
    expect(draws.count).toBe(drawnBefore);
    expect(screen.getByTestId('screen-copy').textContent).toBe('Adopted');
    expect(field).toHaveProperty('value', 'Adopted in 2024');
    // A moment later the screen has the text, once.
    await act(() => pause(500));
    expect(settled).toEqual(['Adopted in 2024']);
    expect(screen.getByTestId('screen-copy').textContent).toBe('Adopted in 2024');
    expect(draws.count).toBe(drawnBefore + 1);
  });

  it('hands the text over at once when the field loses focus or goes away', async () => {
    const typed: string[] = [];
    const settled: string[] = [];
    const draws = { count: 0 };
    await renderInApp(<Screen typed={typed} settled={settled} draws={draws} />);
    const user = userEvent.setup();
    const field = screen.getByRole('textbox', { name: /Justification/ });
    await user.type(field, 'Seen');
    await user.tab();
    expect(settled).toEqual(['Seen']);
    expect(screen.getByTestId('screen-copy').textContent).toBe('Seen');

    await user.type(field, ' twice');
    // Gone before the pause, with focus still in it (another criterion shown by Alt+↓): the last
    // text is still handed over.
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(settled).toEqual(['Seen', 'Seen twice']);
    expect(screen.getByTestId('screen-copy').textContent).toBe('Seen twice');
    await act(() => pause(500));
    expect(settled).toEqual(['Seen', 'Seen twice']);
  });
});

describe('the save indicator', () => {
  it('shows each status the store is given, drawing only what shows it', async () => {
    const store = new SaveStatusStore();
    const draws = { count: 0 };
    function Holder() {
      draws.count += 1;
      return <WithSaveStatus store={store}>{(status) => <SaveState status={status} />}</WithSaveStatus>;
    }
    await renderInApp(<Holder />);
    expect(screen.getByRole('status').textContent).toMatch(/saved/i);
    act(() => store.set('saving'));
    expect(screen.getByRole('status').textContent).toMatch(/saving/i);
    act(() => store.set('saving'));
    act(() => store.set('error'));
    expect(screen.getByRole('status').textContent).not.toMatch(/saving/i);
    expect(store.get()).toBe('error');
    expect(draws.count).toBe(1);
  });
});

/**
 * The data table of the renderer kit, in jsdom with the app's translations: React Aria's grid with
 * named rows and cells, one Tab stop whose buttons are reached with the arrow keys and pressed
 * with Enter, Tab leaving it for the next control, sorting by a header, the empty slot, and no
 * serious axe finding.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { Button } from '../../renderer/components/Button';
import { DataTable, type DataColumn } from '../../renderer/components/DataTable';
import { renderInApp } from './render';

interface City {
  id: string;
  name: string;
  country: string;
  people: number;
}

const cities: City[] = [
  { id: 'tam', name: 'Tampere', country: 'Finland', people: 250 },
  { id: 'kau', name: 'Kaunas', country: 'Lithuania', people: 300 },
  { id: 'val', name: 'Valencia', country: 'Spain', people: 800 },
];

function columns(onRemove: (city: City) => void): DataColumn<City>[] {
  return [
    { id: 'name', header: 'City', isRowHeader: true, cell: (city) => city.name, compare: (a, b) => a.name.localeCompare(b.name) },
    { id: 'country', header: 'Country', cell: (city) => city.country },
    { id: 'people', header: 'Inhabitants (thousands)', cell: (city) => String(city.people), compare: (a, b) => a.people - b.people },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'data-table__actions',
      cell: (city) => (
        <Button variant="quiet" onPress={() => onRemove(city)} aria-label={`Remove: ${city.name}`}>
          Remove
        </Button>
      ),
    },
  ];
}

function Page({ rows, onRemove }: { rows: City[]; onRemove(city: City): void }) {
  return (
    <main>
      <h1 id="cities">Partner cities</h1>
      <button type="button">Before</button>
      <DataTable labelledBy="cities" columns={columns(onRemove)} rows={rows} rowKey={(city) => city.id} empty={<p className="empty-state">No cities yet.</p>} />
      <button type="button">After</button>
    </main>
  );
}

async function seriousFindings(): Promise<string[]> {
  // jsdom cannot compute colours: contrast is judged in the e2e tests on real Chromium.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const rowNames = () => screen.getAllByRole('rowheader').map((cell) => cell.textContent);

describe('DataTable', () => {
  it('is a grid named by its heading, with column and row headers, a hidden actions header, and no axe finding', async () => {
    await renderInApp(<Page rows={cities} onRemove={() => undefined} />);
    const grid = screen.getByRole('grid', { name: 'Partner cities' });
    expect(within(grid).getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['City', 'Country', 'Inhabitants (thousands)', 'Actions']);
    expect(within(grid).getByText('Actions')).toHaveClass('visually-hidden');
    expect(rowNames()).toEqual(['Tampere', 'Kaunas', 'Valencia']);
    expect(within(grid).getByRole('gridcell', { name: 'Lithuania' })).toBeInTheDocument();
    expect(grid.closest('.table-scroll')).not.toBeNull();
    expect(await seriousFindings()).toEqual([]);
  });

  it('is one Tab stop: arrows reach a button in a row, Enter presses it, Tab leaves for the next control', async () => {
    const user = userEvent.setup();
    const onRemove = vi.fn();
    await renderInApp(<Page rows={cities} onRemove={onRemove} />);
    await user.click(screen.getByRole('button', { name: 'Before' }));

    await user.tab();
    const grid = screen.getByRole('grid');
    expect(grid).toContainElement(document.activeElement as HTMLElement);
    // Down to the second row, then right along its cells to its button.
    const rows = within(grid).getAllByRole('row').slice(1);
    for (let i = 0; i < 4 && !rows[1]?.contains(document.activeElement); i += 1) await user.keyboard('{ArrowDown}');
    for (let i = 0; i < 6 && document.activeElement?.getAttribute('aria-label') !== 'Remove: Kaunas'; i += 1) await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove: Kaunas' }));
    await user.keyboard('{Enter}');
    expect(onRemove).toHaveBeenCalledWith(cities[1]);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'After' }));
    await user.tab({ shift: true });
    expect(grid).toContainElement(document.activeElement as HTMLElement);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Before' }));
  });

  it('sorts by a sortable column when its header is pressed, and says so with aria-sort', async () => {
    const user = userEvent.setup();
    await renderInApp(<Page rows={cities} onRemove={() => undefined} />);
    const header = screen.getByRole('columnheader', { name: /Inhabitants/ });
    await user.click(header);
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(rowNames()).toEqual(['Tampere', 'Kaunas', 'Valencia']);
    await user.click(header);
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(rowNames()).toEqual(['Valencia', 'Kaunas', 'Tampere']);
    await user.click(screen.getByRole('columnheader', { name: /City/ }));
    expect(rowNames()).toEqual(['Kaunas', 'Tampere', 'Valencia']);
    expect(screen.getByRole('columnheader', { name: 'Country' })).not.toHaveAttribute('aria-sort');
  });

  it('shows the empty slot instead of an empty grid', async () => {
    await renderInApp(<Page rows={[]} onRemove={() => undefined} />);
    expect(screen.getByText('No cities yet.')).toBeInTheDocument();
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
  });
});

/**
 * A chart drawn by shared/charts (the same SVG the Word reports embed), shown with its numbers as
 * a table for screen readers and for anyone who prefers figures. The SVG is our own output, built
 * from escaped text; it carries no script and no inline style.
 */
import { useTranslation } from 'react-i18next';
import type { ChartOutput } from '../../shared/charts';

export function Chart({ chart, caption }: { chart: ChartOutput; caption: string }) {
  const { t } = useTranslation();
  return (
    <figure className="chart">
      <div className="chart__image" role="img" aria-label={chart.description} dangerouslySetInnerHTML={{ __html: chart.svg }} />
      <figcaption className="chart__caption">{caption}</figcaption>
      <details className="chart__data">
        <summary>{t('results.showNumbers')}</summary>
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {chart.table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.table.rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, index) => (index === 0 ? <th key={index} scope="row">{cell}</th> : <td key={index}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Which chart palette fits the theme on screen. */
export function currentPalette(): 'light' | 'dark' {
  return document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
}

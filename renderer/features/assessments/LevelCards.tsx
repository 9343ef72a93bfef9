/**
 * The five maturity levels as selectable cards, each with its label and the criterion's own
 * descriptor: a radio group (arrow keys move and select, as in every radio group), so the level is
 * chosen by reading what it means, not by a bare number.
 */
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Criterion, Framework, Level } from '../../../shared/framework/schema';

interface LevelCardsProps {
  criterion: Criterion;
  scale: Framework['scale'];
  value: Level | null;
  onChange(level: Level): void;
  isDisabled?: boolean;
  label: string;
}

export function LevelCards({ criterion, scale, value, onChange, isDisabled, label }: LevelCardsProps) {
  const { t } = useTranslation();
  return (
    <RadioGroup
      className="level-cards"
      value={value === null ? null : String(value)}
      onChange={(next) => onChange(Number(next) as Level)}
      isDisabled={isDisabled}
      aria-describedby="level-cards-help"
    >
      <Label className="field__label">{label}</Label>
      <span id="level-cards-help" className="visually-hidden">
        {t('assessment.levelHelp')}
      </span>
      <div className="level-cards__grid">
        {criterion.levels.map((descriptor, level) => (
          <Radio key={level} value={String(level)} className={`level-card level-${level}`} aria-label={`${level} · ${scale[level]?.label ?? ''}: ${descriptor}`}>
            <span className="level-card__number" aria-hidden="true">
              {level}
            </span>
            {/* The level's name leads its descriptor on the same line: the five fit in one
                window (1280×800) even for the guide's longest criterion. */}
            <span className="level-card__text">
              <span className="level-card__label">{scale[level]?.label}</span> <span className="level-card__descriptor">{descriptor}</span>
            </span>
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}

import { Button, FieldError, Group, Input, Label, NumberField, Text } from 'react-aria-components';
import { MinusIcon, PlusIcon } from './icons';

interface NumberInputProps {
  label: string;
  value: number;
  onChange(value: number): void;
  min?: number;
  max?: number;
  step?: number;
  error?: string | undefined;
  description?: string;
  name?: string;
}

/** A number with − and + steppers (React Aria labels them "decrease"/"increase" in the user's language). */
export function NumberInput({ label, value, onChange, min, max, step, error, description, name }: NumberInputProps) {
  return (
    <NumberField
      className="field"
      value={value}
      onChange={(next) => onChange(Number.isNaN(next) ? 0 : next)}
      minValue={min}
      maxValue={max}
      step={step}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      name={name}
    >
      <Label className="field__label">{label}</Label>
      <Group className="number-field">
        <Button slot="decrement" className="number-field__step">
          <MinusIcon />
        </Button>
        <Input className="field__input" />
        <Button slot="increment" className="number-field__step">
          <PlusIcon />
        </Button>
      </Group>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error">{error}</FieldError>
    </NumberField>
  );
}

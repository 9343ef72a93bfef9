import { FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';

interface ChoiceGroupProps<V extends string> {
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange(value: V): void;
  description?: string;
  error?: string | undefined;
  orientation?: 'horizontal' | 'vertical';
  name?: string;
}

export function ChoiceGroup<V extends string>(props: ChoiceGroupProps<V>) {
  return (
    <RadioGroup
      className="choice-group"
      value={props.value}
      onChange={(value) => props.onChange(value as V)}
      orientation={props.orientation ?? 'horizontal'}
      isInvalid={Boolean(props.error)}
      name={props.name}
      validationBehavior="aria"
    >
      <Label className="field__label">{props.label}</Label>
      <div className="choice-group__options">
        {props.options.map((option) => (
          <Radio key={option.value} value={option.value} className="choice">
            {option.label}
          </Radio>
        ))}
      </div>
      {props.description && (
        <Text slot="description" className="field__description">
          {props.description}
        </Text>
      )}
      <FieldError className="field__error">{props.error}</FieldError>
    </RadioGroup>
  );
}

import { ChevronIcon } from './icons';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';

interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange(value: V): void;
  description?: string;
  error?: string | undefined;
  name?: string;
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  return (
    <Select
      className="field"
      value={props.value}
      onChange={(key) => props.onChange(String(key) as V)}
      isInvalid={Boolean(props.error)}
      name={props.name}
      validationBehavior="aria"
    >
      <Label className="field__label">{props.label}</Label>
      <Button className="field__input select__button">
        <SelectValue />
        <ChevronIcon className="select__chevron" />
      </Button>
      {props.description && (
        <Text slot="description" className="field__description">
          {props.description}
        </Text>
      )}
      <FieldError className="field__error">{props.error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {props.options.map((option) => (
            <ListBoxItem key={option.value} id={option.value} className="listbox__item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

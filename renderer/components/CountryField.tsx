import { useMemo } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../lib/countries';
import { ChevronIcon } from './icons';

interface CountryFieldProps {
  label: string;
  value: string;
  onChange(code: string): void;
  error?: string | undefined;
  description?: string;
  isRequired?: boolean;
}

/** A searchable country picker: type a few letters of the name in the UI language. */
export function CountryField(props: CountryFieldProps) {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  return (
    <ComboBox
      className="field"
      selectedKey={props.value || null}
      onSelectionChange={(key) => props.onChange(key === null ? '' : String(key))}
      isInvalid={Boolean(props.error)}
      isRequired={props.isRequired}
      menuTrigger="focus"
      validationBehavior="aria"
      defaultItems={options}
    >
      <Label className="field__label">{props.label}</Label>
      <div className="combobox">
        <Input className="field__input" placeholder={t('profile.fields.countryPlaceholder')} />
        <Button className="combobox__button" aria-label={props.label}>
          <ChevronIcon />
        </Button>
      </div>
      {props.description && (
        <Text slot="description" className="field__description">
          {props.description}
        </Text>
      )}
      <FieldError className="field__error">{props.error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(item) => (
            <ListBoxItem id={item.code} className="listbox__item" textValue={item.name}>
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

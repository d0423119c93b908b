import type { TFunction } from 'i18next';

/**
 * What the page says about a field the API server does not know. This console writes with strict
 * field validation, so the server refuses the whole object; other clients have the field dropped.
 * The request's own word for the feature, `lazyPull`, is not a field at all: what the admin meant
 * is the list of layer stores.
 */

const meansLayerStores = (field: string): boolean => /(^|\.)lazyPull$/i.test(field);

export const unknownFieldText = (t: TFunction, field: string): string => {
  const text = t(
    'Unknown field {{field}}: the API server refuses the object, since this console writes with strict field validation (a client that does not ask for it has the field dropped).',
    { field },
  );
  return meansLayerStores(field)
    ? `${text} ${t(
        'There is no lazyPull field: lazy pulling is turned on by listing the layer stores in spec.containerRuntimeConfig.additionalLayerStores.',
      )}`
    : text;
};

import { Rule, verdict } from '../../rule';

/** Storage account allowing public containers. */
export const storageNoPublicBlobs: Rule = {
  id: 'AZ-ST-003',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account allowing public containers",
  why: "One container set to public by mistake publishes its blobs to the internet.",
  link: "https://learn.microsoft.com/azure/storage/common/../blobs/anonymous-read-access-prevent",
  check: (r) => verdict(r.config.allow_nested_items_to_be_public === false),
};

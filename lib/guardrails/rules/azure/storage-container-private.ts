import { Rule, verdict } from '../../rule';

/** Blob container with anonymous access. */
export const storageContainerPrivate: Rule = {
  id: 'AZ-ST-008',
  level: 'error',
  appliesTo: ['azurerm_storage_container'],
  message: "Blob container with anonymous access",
  why: "Containers here hold state and artifacts; nothing in them is for anonymous readers.",
  link: "https://learn.microsoft.com/azure/storage/common/../blobs/anonymous-read-access-prevent",
  check: (r) => verdict((r.config.container_access_type ?? 'private') === 'private'),
};

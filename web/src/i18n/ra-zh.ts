import englishMessages from 'ra-language-english';
import type { Messages } from './types';

// TODO(helper): replaced by the full Chinese translation of react-admin's own messages.
export const chineseMessages: Messages = englishMessages as unknown as Messages;

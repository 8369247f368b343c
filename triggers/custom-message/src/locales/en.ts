import type { Catalog } from '../catalog.js';

/** English: the reference catalog, and the last fallback. */
export const en: Catalog = {
  messages: {
    SignUp: {
      subject: 'Your {app} verification code',
      body: 'Thanks for signing up for {app}. Enter this code to confirm your email address:',
      sms: '{app}: your verification code is {code}',
    },
    AdminCreateUser: {
      subject: 'You are invited to {app}',
      body: 'An account has been created for you. Sign in with this username and temporary password, then choose your own password.',
      sms: '{app}: your username is {username} and your temporary password is {code}',
    },
    ResendCode: {
      subject: 'Your new {app} verification code',
      body: 'Here is your new code. Enter it to confirm your email address:',
      sms: '{app}: your new verification code is {code}',
    },
    ForgotPassword: {
      subject: 'Reset your {app} password',
      body: 'Enter this code to choose a new password:',
      sms: '{app}: your password reset code is {code}',
    },
    UpdateUserAttribute: {
      subject: 'Confirm your new {app} email address',
      body: 'Enter this code to confirm your new email address:',
      sms: '{app}: your confirmation code is {code}',
    },
    VerifyUserAttribute: {
      subject: 'Verify your {app} email address',
      body: 'Enter this code in {app} to verify your email address:',
      sms: '{app}: your verification code is {code}',
    },
    Authentication: {
      subject: 'Your {app} sign-in code',
      body: 'Enter this code to finish signing in. If this was not you, change your password.',
      sms: '{app}: your sign-in code is {code}. Do not share it.',
    },
  },
  greeting: 'Hello {name},',
  greetingAnonymous: 'Hello,',
  codeLabel: 'Your code',
  usernameLabel: 'Username',
  passwordLabel: 'Temporary password',
  verifyButton: 'Confirm email address',
  signInButton: 'Sign in to {app}',
  linkFallback: 'If the button does not work, open this link:',
  ignoreNotice: 'If you were not expecting this email, you can ignore it.',
  sentTo: 'This email was sent to {email}.',
  support: 'Questions? Write to {support}.',
};

// Machine checks run before submit and as the check stage.
export {};

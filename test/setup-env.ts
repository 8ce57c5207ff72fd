// Runs before each test file (in its own fork): point Dawn at SwiftShader's Vulkan driver.
const icd = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!process.env.VK_ICD_FILENAMES) process.env.VK_ICD_FILENAMES = icd;

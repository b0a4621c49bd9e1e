// Gateway tests make many real HTTP round trips; on a loaded 2-core machine 5 s is too tight to mean anything.
jest.setTimeout(30000)

import Foundation

/// A new password: asked twice without echo on a terminal, else the first line of standard input.
enum PasswordPrompt {
    static func read() throws -> String {
        guard isatty(0) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw CLIError("aucun mot de passe sur l'entrée standard", exitCode: 65)
            }
            return line
        }
        let first = try ask("Mot de passe : ")
        let second = try ask("Mot de passe (encore) : ")
        guard first == second else { throw CLIError("les deux mots de passe diffèrent", exitCode: 65) }
        return first
    }

    /// One line from the terminal with echo turned off (restored even on failure).
    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(0, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSAFLUSH, &silent)
        defer {
            tcsetattr(0, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else {
            throw CLIError("aucun mot de passe saisi", exitCode: 65)
        }
        return line
    }
}
